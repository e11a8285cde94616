#include "server/socket_bio.hpp"

#include <sys/socket.h>

#include <cerrno>
#include <cstdint>

namespace p2p::relay {
namespace {

int fd_of(BIO* bio) { return static_cast<int>(reinterpret_cast<std::intptr_t>(BIO_get_data(bio))); }

bool would_block(int error) { return error == EAGAIN || error == EWOULDBLOCK || error == EINTR; }

int write_ex(BIO* bio, const char* data, std::size_t size, std::size_t* written) {
    BIO_clear_retry_flags(bio);
    const ssize_t sent = ::send(fd_of(bio), data, size, MSG_NOSIGNAL);
    if (sent >= 0) {
        *written = static_cast<std::size_t>(sent);
        return 1;
    }
    if (would_block(errno)) BIO_set_retry_write(bio);
    return 0;  // errno stays for SSL_ERROR_SYSCALL
}

int read_ex(BIO* bio, char* data, std::size_t size, std::size_t* read) {
    BIO_clear_retry_flags(bio);
    const ssize_t received = ::recv(fd_of(bio), data, size, 0);
    if (received > 0) {
        *read = static_cast<std::size_t>(received);
        return 1;
    }
    // OpenSSL reports a peer that left without close_notify only if BIO_eof() says so.
    if (received == 0) BIO_set_flags(bio, BIO_FLAGS_IN_EOF);
    else if (would_block(errno)) BIO_set_retry_read(bio);
    return 0;
}

long control(BIO* bio, int command, long, void*) {
    switch (command) {
    case BIO_CTRL_FLUSH: return 1;  // nothing is buffered here
    case BIO_CTRL_EOF: return BIO_test_flags(bio, BIO_FLAGS_IN_EOF) != 0 ? 1 : 0;
    default: return 0;
    }
}

int create(BIO* bio) {
    BIO_set_init(bio, 1);
    return 1;
}

BIO_METHOD* make_method() {
    BIO_METHOD* method = BIO_meth_new(BIO_get_new_index() | BIO_TYPE_SOURCE_SINK, "p2p nonblocking socket");
    if (method == nullptr) return nullptr;
    BIO_meth_set_write_ex(method, write_ex);
    BIO_meth_set_read_ex(method, read_ex);
    BIO_meth_set_ctrl(method, control);
    BIO_meth_set_create(method, create);
    return method;
}

}  // namespace

BIO* make_socket_bio(int fd) {
    // One method table for the process; OpenSSL never frees it, nor do we (it is tiny).
    static BIO_METHOD* const method = make_method();
    if (method == nullptr) return nullptr;
    BIO* bio = BIO_new(method);
    if (bio != nullptr) BIO_set_data(bio, reinterpret_cast<void*>(static_cast<std::intptr_t>(fd)));
    return bio;
}

}  // namespace p2p::relay
