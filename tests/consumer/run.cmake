# ctest's consumer test (cmake -P): install the built writ into WORK/stage, move the tree to
# WORK/moved (so nothing may point back at the stage or the build), then with the moved tree
#  1. build tests/consumer through find_package(writ) and run its programs on a table that the
#     installed `writ build` writes from seed 001;
#  2. compile tests/consumer/c_main.c with only `pkg-config --cflags --libs --static writ-runtime`
#     and run it.
# Variables: BUILD_DIR SOURCE_DIR WORK GENERATOR C_COMPILER CXX_COMPILER.
function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${out}")
endfunction()

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
run(${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK}/stage)
file(RENAME ${WORK}/stage ${WORK}/moved)
set(prefix ${WORK}/moved)

set(policy ${SOURCE_DIR}/policies/partner_managed_accounts/policy.yaml)
run(${prefix}/bin/writ build ${policy} -o ${WORK}/seed001.wtab)

run(${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/consumer -B ${WORK}/build -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_C_COMPILER=${C_COMPILER} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=Release)
run(${CMAKE_COMMAND} --build ${WORK}/build)
run(${WORK}/build/consumer_runtime ${WORK}/seed001.wtab)
run(${WORK}/build/consumer_c ${WORK}/seed001.wtab)
run(${WORK}/build/consumer_compiler ${policy})

find_program(PKG_CONFIG pkg-config REQUIRED)
set(ENV{PKG_CONFIG_PATH} ${prefix}/${LIBDIR}/pkgconfig)
execute_process(COMMAND ${PKG_CONFIG} --cflags --libs --static writ-runtime RESULT_VARIABLE rc OUTPUT_VARIABLE flags
                OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config does not find writ-runtime under ${prefix}")
endif()
string(FIND "${flags}" "-I${prefix}/" at)
if(at EQUAL -1)
  message(FATAL_ERROR "pkg-config's flags do not point into the moved prefix: ${flags}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
run(${C_COMPILER} -std=c99 ${SOURCE_DIR}/tests/consumer/c_main.c ${flags} -o ${WORK}/c_pkgconfig)
run(${WORK}/c_pkgconfig ${WORK}/seed001.wtab)
file(REMOVE_RECURSE ${WORK})
message(STATUS "consumer: find_package and pkg-config builds ran")
