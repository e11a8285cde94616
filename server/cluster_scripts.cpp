#include "server/cluster_scripts.hpp"

namespace p2p::relay {
namespace {

constexpr std::string_view kRoomPrefix = "p2p:room:";
constexpr std::string_view kChannelPrefix = "p2p:relay:";

// Shared by every script: ARGV[1] channel prefix, ARGV[2] TTL in ms. Time comes from Redis, so
// relays with skewed clocks agree on expiry. Frame letters match FrameKind.
constexpr std::string_view kPrelude = R"lua(
local prefix = ARGV[1]
local ttl = tonumber(ARGV[2])
local clock = redis.call('TIME')
local now = tonumber(clock[1]) * 1000 + math.floor(tonumber(clock[2]) / 1000)
local function relay_of(m) return string.match(m, '^([^/]*)/') end
local function peer_of(m) return string.match(m, '^[^/]*/([^/]*)/') end
local function token_of(m) return string.match(m, '^[^/]*/[^/]*/(.*)$') end
local function tell(target, kind, body)
  redis.call('PUBLISH', prefix .. relay_of(target), kind .. ' ' .. peer_of(target) .. '\n' .. body)
end
local function purge(key)
  local dead = redis.call('ZRANGEBYSCORE', key, '-inf', now)
  if #dead == 0 then return end
  redis.call('ZREMRANGEBYSCORE', key, '-inf', now)
  local alive = redis.call('ZRANGE', key, 0, -1)
  for _, d in ipairs(dead) do
    for _, a in ipairs(alive) do tell(a, '-', d) end
  end
end
)lua";

// KEYS[1] room; ARGV[3] member, ARGV[4] capacity. A member with the same page token (the page
// coming back, its old seat held or its old connection dead) is taken over, full room or not: the
// others hear it was away, then that it joined.
constexpr std::string_view kJoin = R"lua(
local key, member, capacity = KEYS[1], ARGV[3], tonumber(ARGV[4])
purge(key)
local members = redis.call('ZRANGE', key, 0, -1)
local token, replaced = token_of(member), nil
if token ~= '' then
  for _, m in ipairs(members) do
    if token_of(m) == token then replaced = m end
  end
end
if replaced then
  redis.call('ZREM', key, replaced)
  members = redis.call('ZRANGE', key, 0, -1)
  for _, m in ipairs(members) do tell(m, 'a', replaced) end
  tell(replaced, 'r', '')
elseif #members >= capacity then
  return 0
end
redis.call('ZADD', key, now + ttl, member)
redis.call('PEXPIRE', key, ttl)
for _, m in ipairs(members) do tell(m, '+', member) end
tell(member, 'j', table.concat(members, '\n'))
return 1
)lua";

// KEYS[1] room; ARGV[3] member, whose socket died: its seat stays (its relay keeps refreshing
// it for the resume window) and the others hear it is away.
constexpr std::string_view kAway = R"lua(
local key, member = KEYS[1], ARGV[3]
if not redis.call('ZSCORE', key, member) then return 0 end
for _, m in ipairs(redis.call('ZRANGE', key, 0, -1)) do
  if m ~= member then tell(m, 'a', member) end
end
return 1
)lua";

// KEYS[1] room; ARGV[3] member.
constexpr std::string_view kLeave = R"lua(
local key, member = KEYS[1], ARGV[3]
if redis.call('ZREM', key, member) == 0 then return 0 end
for _, m in ipairs(redis.call('ZRANGE', key, 0, -1)) do tell(m, '-', member) end
return 1
)lua";

// KEYS[i] room of ARGV[i + 2] member.
constexpr std::string_view kRefresh = R"lua(
local held = {}
for i, key in ipairs(KEYS) do
  local member = ARGV[i + 2]
  purge(key)
  if redis.call('ZSCORE', key, member) then
    redis.call('ZADD', key, now + ttl, member)
    redis.call('PEXPIRE', key, ttl)
    held[i] = 1
  else
    held[i] = 0
  end
end
return held
)lua";

std::vector<std::string> eval(std::string_view body, std::vector<std::string> keys,
                              std::chrono::milliseconds ttl, std::vector<std::string> extra) {
    std::vector<std::string> args{"EVAL", std::string(kPrelude) + std::string(body), std::to_string(keys.size())};
    args.insert(args.end(), keys.begin(), keys.end());
    args.emplace_back(kChannelPrefix);
    args.push_back(std::to_string(ttl.count()));
    args.insert(args.end(), extra.begin(), extra.end());
    return args;
}

}  // namespace

std::string room_key(std::string_view room) { return std::string(kRoomPrefix) + std::string(room); }

std::string relay_channel(std::string_view relay_id) { return std::string(kChannelPrefix) + std::string(relay_id); }

std::vector<std::string> join_command(const std::string& room, const ClusterMember& member,
                                      std::chrono::milliseconds ttl, std::size_t capacity) {
    return eval(kJoin, {room_key(room)}, ttl, {member.text(), std::to_string(capacity)});
}

std::vector<std::string> leave_command(const std::string& room, const std::string& member,
                                       std::chrono::milliseconds ttl) {
    return eval(kLeave, {room_key(room)}, ttl, {member});
}

std::vector<std::string> away_command(const std::string& room, const std::string& member,
                                      std::chrono::milliseconds ttl) {
    return eval(kAway, {room_key(room)}, ttl, {member});
}

std::vector<std::string> refresh_command(const std::vector<ClusterRoster::Lease>& leases,
                                         std::chrono::milliseconds ttl) {
    std::vector<std::string> keys;
    std::vector<std::string> members;
    for (const ClusterRoster::Lease& lease : leases) {
        keys.push_back(room_key(lease.room));
        members.push_back(lease.member);
    }
    return eval(kRefresh, std::move(keys), ttl, std::move(members));
}

}  // namespace p2p::relay
