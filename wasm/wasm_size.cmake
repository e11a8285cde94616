# A size step after emcc's own link, for the browser bundle (included from wasm/CMakeLists.txt).
# (Closure on the loader would save ~3 KB gzip more, but only the npm Closure Compiler can read
# 3.1.6's loader: a 230 MB native download for 5% of the page, so we do without it.)

# A second `wasm-opt -Oz` over the linked module. emcc optimises before its last dead-code pass
# (wasm-metadce drops the unused exports and imports) and not after it, so the code that pass
# leaves unreachable is only removed by running the optimiser again (~1.7 KB raw, ~1.1 KB gzip).
# The options are the ones emcc gives its own -Oz run, so the result makes the same assumptions.
function(p2p_reoptimize_wasm target wasm_file)
  find_program(P2P_WASM_OPT wasm-opt HINTS ${EMSCRIPTEN_ROOT_PATH}/../bin)
  if(NOT P2P_WASM_OPT)
    return()
  endif()
  add_custom_command(TARGET ${target} POST_BUILD
    COMMAND ${P2P_WASM_OPT} -Oz --low-memory-unused --zero-filled-memory --mvp-features
            ${wasm_file} -o ${wasm_file}
    COMMENT "wasm-opt -Oz (after emcc's dead-code removal)")
endfunction()
