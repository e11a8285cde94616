#include "server/log.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>

#include "shared/ascii.hpp"

namespace p2p::relay {
namespace {

constexpr std::array<std::string_view, 4> kLevelNames{"debug", "info", "warn", "error"};

std::atomic<LogLevel> g_level{LogLevel::info};

bool needs_quotes(std::string_view value) {
    if (value.empty()) return true;
    for (char c : value) {
        if (c == ' ' || c == '"' || c == '=' || static_cast<unsigned char>(c) < 0x20) return true;
    }
    return false;
}

// Quotes and escapes so a hostile room name or error text cannot forge a field or a new line.
std::string quote_for_log(std::string_view value) {
    std::string out = "\"";
    for (char c : value) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (static_cast<unsigned char>(c) < 0x20) {
            out += "\\x";
            ascii::append_hex(out, static_cast<std::uint8_t>(c));
        } else {
            out += c;
        }
    }
    return out + "\"";
}

std::string utc_now() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis =
        std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    char text[96];  // sized for any int the compiler imagines, not just real dates
    std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900,
                  utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec,
                  static_cast<int>(millis));
    return text;
}

}  // namespace

std::optional<LogLevel> parse_log_level(std::string_view name) {
    for (std::size_t i = 0; i < kLevelNames.size(); ++i) {
        if (kLevelNames[i] == name) return static_cast<LogLevel>(i);
    }
    return std::nullopt;
}

std::string_view log_level_name(LogLevel level) { return kLevelNames[static_cast<std::size_t>(level)]; }

std::string format_log_line(std::string_view timestamp, LogLevel level, std::string_view message,
                            const LogFields& fields) {
    std::string line = "ts=" + std::string(timestamp) + " level=" + std::string(log_level_name(level)) +
                       " msg=" + quote_for_log(message);
    for (const auto& [key, value] : fields) {
        line += ' ';
        line += key;
        line += '=';
        line += needs_quotes(value) ? quote_for_log(value) : value;
    }
    return line + "\n";
}

void set_log_level(LogLevel level) { g_level = level; }

void log(LogLevel level, std::string_view message, const LogFields& fields) {
    if (level < g_level.load()) return;
    std::string line = format_log_line(utc_now(), level, message, fields);
    std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace p2p::relay
