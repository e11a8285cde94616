# Shared compile settings: strict warnings for our own code, optional sanitizers, and the JSON
# library the native comparison tools use.

add_library(p2p_warnings INTERFACE)
target_compile_options(p2p_warnings INTERFACE -Wall -Wextra -Werror)

if(P2P_SANITIZE AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12's flow analysis reports false "may be used uninitialized" inside libstdc++ (std::regex,
  # std::function) once ASan instruments it; the plain build keeps the warning as an error.
  target_compile_options(p2p_warnings INTERFACE -Wno-maybe-uninitialized)
endif()

# nlohmann/json (header-only) is no longer part of the product: shared/ has its own JSON reader and
# writer, so neither the relay nor the browser bundle links it. It stays for the native tools that
# compare against it: the differential fuzz target and the old-way baseline in the benchmarks.
if(NOT EMSCRIPTEN)
  add_library(p2p_json INTERFACE)
  find_package(nlohmann_json 3.10 REQUIRED)
  target_link_libraries(p2p_json INTERFACE nlohmann_json::nlohmann_json)
endif()
