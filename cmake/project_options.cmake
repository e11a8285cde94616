# Shared compile settings: strict warnings for our own code, optional sanitizers, and the JSON
# library exposed the same way to both toolchains.

add_library(p2p_warnings INTERFACE)
target_compile_options(p2p_warnings INTERFACE -Wall -Wextra -Werror)

if(P2P_SANITIZE AND NOT EMSCRIPTEN)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  add_link_options(-fsanitize=address,undefined)
  # GCC 12's flow analysis reports false "may be used uninitialized" inside libstdc++ (std::regex,
  # std::function) once ASan instruments it; the plain build keeps the warning as an error.
  target_compile_options(p2p_warnings INTERFACE -Wno-maybe-uninitialized)
endif()

# nlohmann/json is header-only. Natively we use its CMake package; for the wasm build we must not
# add /usr/include to the search path (it would pull glibc headers), so we expose a directory that
# holds nothing but a `nlohmann` symlink.
add_library(p2p_json INTERFACE)
if(EMSCRIPTEN)
  find_path(P2P_NLOHMANN_PARENT nlohmann/json.hpp
            PATHS /usr/include /usr/local/include NO_CMAKE_FIND_ROOT_PATH NO_DEFAULT_PATH)
  if(NOT P2P_NLOHMANN_PARENT)
    message(FATAL_ERROR "nlohmann/json.hpp not found: install nlohmann-json3-dev")
  endif()
  set(_json_dir ${CMAKE_BINARY_DIR}/json-include)
  file(MAKE_DIRECTORY ${_json_dir})
  file(CREATE_LINK ${P2P_NLOHMANN_PARENT}/nlohmann ${_json_dir}/nlohmann SYMBOLIC)
  target_include_directories(p2p_json SYSTEM INTERFACE ${_json_dir})
  # Our decoder checks every type before reading, so nlohmann never needs to throw in the browser.
  target_compile_definitions(p2p_json INTERFACE JSON_NOEXCEPTION)
else()
  find_package(nlohmann_json 3.10 REQUIRED)
  target_link_libraries(p2p_json INTERFACE nlohmann_json::nlohmann_json)
endif()
