# A cache setting that takes one of a fixed set of values. Anything else stops the configure with a
# message naming the setting, the value and the choices, since a typo would otherwise build
# something else without a word. tests/cmake/one_of_check.cmake runs it in script mode.
function(p2p_require_one_of name)
  set(value "${${name}}")
  if(NOT value IN_LIST ARGN)
    list(JOIN ARGN ", " choices)
    message(FATAL_ERROR "${name} is '${value}'; it must be one of: ${choices}")
  endif()
endfunction()
