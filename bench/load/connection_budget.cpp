#include "bench/load/connection_budget.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>

namespace p2p::load {
namespace {

// Files a process needs beside its sockets: the client's /proc reads and JSON file, plus each
// client thread's io_context (epoll, eventfd, timerfd); the server's margin is for the accept of
// one connection past the last (EMFILE) and anything it opens lazily.
constexpr std::size_t kClientSpare = 4;
constexpr std::size_t kFilesPerClientThread = 3;
constexpr std::size_t kServerSpare = 4;

std::size_t raise_to_hard_limit() {
    rlimit limit{};
    if (::getrlimit(RLIMIT_NOFILE, &limit) != 0) return 0;
    if (limit.rlim_cur != limit.rlim_max) {
        limit.rlim_cur = limit.rlim_max;
        ::setrlimit(RLIMIT_NOFILE, &limit);
        ::getrlimit(RLIMIT_NOFILE, &limit);
    }
    return static_cast<std::size_t>(limit.rlim_cur);
}

std::size_t room_left(std::size_t limit, std::size_t open, std::size_t spare) {
    return limit > open + spare ? limit - open - spare : 0;
}

}  // namespace

ConnectionBudget idle_connection_budget(const std::optional<ProcessSample>& server, std::size_t client_threads) {
    const std::size_t client_limit = raise_to_hard_limit();
    const auto self = ProcessSample::of(::getpid());
    const std::size_t client_open = self ? self->open_files : 0;
    const std::size_t client_spare = kClientSpare + kFilesPerClientThread * client_threads;
    const std::size_t client_room = room_left(client_limit, client_open, client_spare);
    const std::string client_text = "p2p-load's open-files limit " + std::to_string(client_limit) + " (" +
                                    std::to_string(client_open) + " open, " + std::to_string(client_spare) +
                                    " kept for its own use) leaves " + std::to_string(client_room);
    ConnectionBudget budget{client_room, client_text};
    if (!server) {
        budget.limited_by += "; the server's limit is unknown without --server-pid";
    } else {
        const std::size_t server_room = room_left(server->open_files_limit, server->open_files, kServerSpare);
        const std::string server_text = "the server's open-files limit " + std::to_string(server->open_files_limit) +
                                        " (" + std::to_string(server->open_files) + " open before the run, " +
                                        std::to_string(kServerSpare) + " kept spare) leaves " + std::to_string(server_room);
        budget.connections = std::min(client_room, server_room);
        budget.limited_by = server_room <= client_room ? server_text + "; " + client_text : client_text + "; " + server_text;
    }
    budget.connections -= budget.connections % 2;
    return budget;
}

}  // namespace p2p::load
