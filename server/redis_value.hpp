// A Redis reply copied out of hiredis, so callers never hold hiredis memory past a callback.
#pragma once

#include <string>
#include <vector>

namespace p2p::relay {

// One reply node: a string, number, status or error, or an array of them.
struct RedisValue {
    enum class Type { nil, integer, string, array, status, error };
    Type type = Type::nil;
    long long integer = 0;
    std::string text;  // string, status and error replies
    std::vector<RedisValue> items;

    bool is_error() const { return type == Type::error; }
};

}  // namespace p2p::relay
