// The one translation unit that compiles the non-template parts of Asio, Asio's SSL layer and
// Beast (the scheduler, the epoll reactor, the OpenSSL engine, Beast's SHA-1, base64 and deflate).
// Every target that uses them links p2p_asio_beast, which defines BOOST_ASIO_SEPARATE_COMPILATION
// and BOOST_BEAST_SEPARATE_COMPILATION for it, so the other files only see declarations instead of
// compiling all of it again. The build-time table in BENCHMARKS.md shows what it saves.

// Boost 1.74's asio/awaitable.hpp uses std::exchange without including <utility>.
#include <utility>

#include <boost/asio/impl/src.hpp>
#include <boost/asio/ssl/impl/src.hpp>
#include <boost/beast/src.hpp>
