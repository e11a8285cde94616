// Relay log lines: one line per event on stderr, `ts=... level=info msg="..." key=value`, so they
// are both readable and greppable/parsable by log shippers.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace p2p::relay {

enum class LogLevel { debug, info, warn, error };

// Extra key=value pairs after the message.
using LogFields = std::vector<std::pair<std::string_view, std::string>>;

std::optional<LogLevel> parse_log_level(std::string_view name);
std::string_view log_level_name(LogLevel level);

// Pure: the text of one line (with its '\n'); values with spaces, quotes or '=' are quoted.
std::string format_log_line(std::string_view timestamp, LogLevel level, std::string_view message,
                            const LogFields& fields);

// Lines below `level` are dropped; set once at start-up.
void set_log_level(LogLevel level);

// Writes one line with the current UTC time; one fwrite so threads never interleave mid-line.
void log(LogLevel level, std::string_view message, const LogFields& fields = {});

}  // namespace p2p::relay
