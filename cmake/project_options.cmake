# Shared compile settings: warnings for our own code (errors only where asked), optional
# sanitizers, the build-speed helpers (compiler cache, linker), and the JSON library the native
# comparison tools use.

option(P2P_WERROR "Turn warnings into errors (the dev and asan presets and CI set it; a user's compiler may warn about things ours does not)" OFF)
option(P2P_CCACHE "Compile through ccache when it is installed" ON)
include(${CMAKE_CURRENT_LIST_DIR}/one_of.cmake)
set(P2P_LINKER "auto" CACHE STRING "Linker for native targets: auto (mold, else lld, else the compiler's default), mold, lld, gold or default")
set(_p2p_linkers auto mold lld gold default)
set_property(CACHE P2P_LINKER PROPERTY STRINGS ${_p2p_linkers})
p2p_require_one_of(P2P_LINKER ${_p2p_linkers})

add_library(p2p_warnings INTERFACE)
target_compile_options(p2p_warnings INTERFACE -Wall -Wextra)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # GCC 12 reports false -Wrestrict inside libstdc++'s std::string at -O2/-O3 (GCC bug 105651):
  # `"literal" + std::string(...)` in shared/codec.cpp, server/certificate_store.cpp and 4 test and
  # benchmark files of a Release build. None of our code calls memcpy-like functions itself, so
  # the warning is off rather than printed for every user of a Release build.
  target_compile_options(p2p_warnings INTERFACE -Wno-restrict)
endif()
if(P2P_WERROR)
  target_compile_options(p2p_warnings INTERFACE -Werror)
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # Likewise false -Warray-bounds inside std::string (GCC bug 107138), e.g. an initializer list
    # of strings in tests/shared/json_reader_test.cpp: it stays a warning.
    target_compile_options(p2p_warnings INTERFACE -Wno-error=array-bounds)
  endif()
endif()

if(P2P_SANITIZE AND P2P_TSAN)
  message(FATAL_ERROR "P2P_SANITIZE (ASan) and P2P_TSAN cannot be combined: use one build folder for each")
endif()
if(P2P_TSAN AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=thread)
  add_link_options(-fsanitize=thread)
  # Asio brackets each handler in a fence (std_fenced_block), which ThreadSanitizer does not model
  # and GCC 12 warns about (-Wtsan). The ordering between threads comes from the scheduler's and
  # the strands' mutexes, which it does see.
  add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-tsan>)
endif()
if(P2P_SANITIZE AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12's flow analysis reports false "may be used uninitialized" inside libstdc++ (std::regex,
  # std::function) once ASan instruments it; the plain build keeps the warning as an error.
  target_compile_options(p2p_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
# The pure logic that the randomised model test runs 10,000 times (protocol, call machine, the model
# itself) is compiled with -O1 in a sanitizer Debug build: at -O0 the model test took 241 s under
# ASan. The Beast-heavy rest stays at -O0, where it compiles twice as fast.
set(P2P_HOT_LOGIC_OPTIONS $<$<AND:$<BOOL:${P2P_SANITIZE}>,$<CONFIG:Debug>>:-O1>)

if(NOT EMSCRIPTEN)
  include(${CMAKE_CURRENT_LIST_DIR}/build_speed.cmake)
endif()

# nlohmann/json (header-only) is no longer part of the product: shared/ has its own JSON reader and
# writer, so neither the relay nor the browser bundle links it. It stays for the native tools that
# compare against it: the differential fuzz target and the old-way baseline in the benchmarks.
if(NOT EMSCRIPTEN)
  add_library(p2p_json INTERFACE)
  find_package(nlohmann_json 3.10 REQUIRED)
  target_link_libraries(p2p_json INTERFACE nlohmann_json::nlohmann_json)
endif()
