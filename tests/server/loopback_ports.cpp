#include "tests/server/loopback_ports.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <stdexcept>

namespace p2p::relay::testing {
namespace {

sockaddr_in loopback(std::uint16_t port) {
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(port);
    return address;
}

// Binds a socket of `type` to 127.0.0.1:`port` (0: the kernel picks); returns the fd (-1 on
// failure) and the port it got.
int bind_loopback(int type, std::uint16_t& port) {
    int fd = socket(AF_INET, type | SOCK_CLOEXEC, 0);
    sockaddr_in address = loopback(port);
    socklen_t size = sizeof address;
    if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
        if (fd >= 0) close(fd);
        return -1;
    }
    getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size);
    port = ntohs(address.sin_port);
    return fd;
}

}  // namespace

std::uint16_t free_tcp_port() {
    std::uint16_t port = 0;
    int fd = bind_loopback(SOCK_STREAM, port);
    if (fd < 0) throw std::runtime_error("no free loopback TCP port");
    close(fd);
    return port;
}

std::uint16_t free_udp_and_tcp_port() {
    for (int attempt = 0; attempt < 50; ++attempt) {
        std::uint16_t port = 0;
        int udp = bind_loopback(SOCK_DGRAM, port);
        if (udp < 0) continue;
        int tcp = bind_loopback(SOCK_STREAM, port);
        close(udp);
        if (tcp >= 0) {
            close(tcp);
            return port;
        }
    }
    throw std::runtime_error("no free loopback port for both UDP and TCP");
}

}  // namespace p2p::relay::testing
