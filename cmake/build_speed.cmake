# Native build speed: a compiler cache when one is installed, a fast linker, and precompiled headers
# shared by every target of a kind. Each is kept because BENCHMARKS.md ("Build time") measures what
# it saves; none changes what is built.

option(P2P_PCH "Precompile the Asio/Beast/OpenSSL and GoogleTest headers once per kind of target" ON)
# Unity builds for test and load-tool code: their files share heavy headers and templates (GoogleTest,
# nlohmann::json, the call machine, Beast's clients), so eight compiled together cost about what one
# did alone. What ships (server/, shared/, wasm/) compiles file by file, so touching one relay file
# rebuilds one file. tests/ and bench/load/ read this into CMAKE_UNITY_BUILD. The sanitizer presets
# set CMAKE_UNITY_BUILD for everything: they are built whole, mostly by CI, and the dev build still
# compiles every file alone, so a missing include cannot hide in a batch (asan 247 -> 198 s).
option(P2P_UNITY "Compile test and load-tool files in batches (unity builds)" ON)

# ccache: a rebuild of unchanged files (another branch, a clean tree) costs nothing. It must accept
# precompiled headers, whose defines and timestamps it would otherwise refuse to cache.
if(P2P_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  find_program(P2P_CCACHE_PROGRAM ccache)
  if(P2P_CCACHE_PROGRAM)
    set(CMAKE_CXX_COMPILER_LAUNCHER ${CMAKE_COMMAND} -E env
        CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime
        ${P2P_CCACHE_PROGRAM})
    message(STATUS "p2p: compiling through ${P2P_CCACHE_PROGRAM}")
  endif()
endif()

# The linker: GNU ld takes 1.3 s for a test binary with debug info, mold and lld about 0.4 s.
function(p2p_pick_linker)
  set(choice ${P2P_LINKER})
  if(choice STREQUAL "auto")
    set(choice default)
    foreach(candidate mold lld)
      find_program(P2P_LD_${candidate} NAMES ${candidate} ld.${candidate})
      if(P2P_LD_${candidate})
        include(CheckCXXSourceCompiles)
        set(CMAKE_REQUIRED_LINK_OPTIONS -fuse-ld=${candidate})
        check_cxx_source_compiles("int main() { return 0; }" P2P_LINKS_WITH_${candidate})
        if(P2P_LINKS_WITH_${candidate})
          set(choice ${candidate})
          break()
        endif()
      endif()
    endforeach()
  endif()
  if(NOT choice STREQUAL "default")
    add_link_options(-fuse-ld=${choice})
  endif()
  message(STATUS "p2p: linking with ${choice}")
endfunction()
p2p_pick_linker()

# Variable-location tracking (GCC's -fvar-tracking at -O1 and above) is a fifth to a quarter of the
# compile time of a Beast-heavy file (`server/websocket_session.cpp` 38 -> 27 s). It changes no code,
# only how often a debugger says "<optimized out>" in an optimised build. The dev preset turns it off
# for the whole tree; a plain RelWithDebInfo build (a package, a core dump you must read) keeps it.
option(P2P_VAR_TRACKING "Exact variable locations in optimised builds with debug info (GCC)" ON)
if(NOT P2P_VAR_TRACKING AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  add_compile_options(-fno-var-tracking)
endif()
# Benchmark code keeps -O2 (its figures are the point) without the variable tracking, whatever
# the option says. Test code is built at -Og in RelWithDebInfo: what it checks is the product's
# code, built as shipped; its own GoogleTest bodies and clients compile 20-50 % faster at -Og than at
# -O2. The one test whose own code is hot, the model test's simulation, runs about 3x slower (10,000
# seeds: 5 s -> 16 s of CPU, two shards side by side). tests/ and bench/ add these to their own folders.
set(_p2p_gnu_rwdi $<AND:$<CXX_COMPILER_ID:GNU>,$<CONFIG:RelWithDebInfo>>)
set(P2P_BENCH_CODE_OPTIONS $<${_p2p_gnu_rwdi}:-fno-var-tracking>)
# At -Og GCC 12 reports false "may be used uninitialized" inside libstdc++'s std::regex (as it does
# under ASan); the product's own code keeps the warning at -O2.
set(P2P_TEST_CODE_OPTIONS $<${_p2p_gnu_rwdi}:-Og> $<${_p2p_gnu_rwdi}:-fno-var-tracking>
    $<${_p2p_gnu_rwdi}:-Wno-maybe-uninitialized>)

# Debug information of test and benchmark code, in the build types that have any (RelWithDebInfo,
# Debug). "lines" (-g1) keeps what a failing test or a profile is read with: file and line in
# backtraces, in GoogleTest's and the sanitizers' reports, in perf. It drops the description of every
# type and local variable, which for GoogleTest and Beast-heavy clients is a third of their compile
# time (BENCHMARKS.md, "Build time"). The product code keeps full debug information; "full" is for
# stepping through a test's or a load tool's own code in a debugger.
set(P2P_TEST_AND_BENCH_DEBUG_INFO lines CACHE STRING
    "Debug information in test and benchmark code: lines (-g1) or full")
set_property(CACHE P2P_TEST_AND_BENCH_DEBUG_INFO PROPERTY STRINGS lines full)
p2p_require_one_of(P2P_TEST_AND_BENCH_DEBUG_INFO lines full)
if(P2P_TEST_AND_BENCH_DEBUG_INFO STREQUAL "lines")
  list(APPEND P2P_TEST_CODE_OPTIONS $<$<CONFIG:RelWithDebInfo,Debug>:-g1>)
  list(APPEND P2P_BENCH_CODE_OPTIONS $<$<CONFIG:RelWithDebInfo,Debug>:-g1>)
endif()

# Precompiled headers by kind: targets of one kind share their compile flags, so the first target of
# a kind builds the header and the rest reuse it (GCC would refuse it under other flags).
#   net:       Asio, Beast, OpenSSL (the relay, the load tools, the echo floor)
#   test_net:  the same plus GoogleTest (relay tests, soak, load tool tests)
# The client's and the protocol's unit tests have none: their time goes into code generation, and a
# GoogleTest + call-machine header measured no faster once its own build was counted.
set(_p2p_std_headers <algorithm> <chrono> <cstdint> <functional> <map> <memory> <optional> <string>
    <string_view> <unordered_map> <variant> <vector>)
# <utility> first: Boost 1.74's asio/awaitable.hpp uses std::exchange without including it.
set(_p2p_net_headers <utility> <boost/asio.hpp> <boost/asio/ssl.hpp> <boost/beast/core.hpp>
    <boost/beast/http.hpp> <boost/beast/ssl.hpp> <boost/beast/websocket.hpp>
    <boost/beast/websocket/ssl.hpp>)
set(P2P_PCH_HEADERS_net ${_p2p_net_headers} ${_p2p_std_headers})
set(P2P_PCH_HEADERS_test_net ${_p2p_net_headers} <gtest/gtest.h> ${_p2p_std_headers})

# hiredis' pkg-config flags define _FILE_OFFSET_BITS=64 for the targets that link it, and GCC
# refuses a precompiled header built with a different set of such macros. It changes nothing on a
# 64-bit system, so every native file gets it and all targets of a kind can share one header.
add_compile_definitions(_FILE_OFFSET_BITS=64)

function(p2p_precompile target kind)
  if(NOT P2P_PCH)
    return()
  endif()
  get_property(owner GLOBAL PROPERTY P2P_PCH_OWNER_${kind})
  if(owner)
    target_precompile_headers(${target} REUSE_FROM ${owner})
  else()
    target_precompile_headers(${target} PRIVATE ${P2P_PCH_HEADERS_${kind}})
    set_property(GLOBAL PROPERTY P2P_PCH_OWNER_${kind} ${target})
  endif()
endfunction()
