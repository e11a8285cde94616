# cmake -DSETTING=<value> -P one_of_check.cmake: p2p_require_one_of on a setting with the choices
# of P2P_TEST_AND_BENCH_DEBUG_INFO. tests/CMakeLists.txt runs it with a listed value and others.
cmake_minimum_required(VERSION 3.21)
include(${CMAKE_CURRENT_LIST_DIR}/../../cmake/one_of.cmake)
p2p_require_one_of(SETTING lines full)
message(STATUS "SETTING '${SETTING}' accepted")
