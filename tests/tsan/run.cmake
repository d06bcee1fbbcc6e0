# ctest's ThreadSanitizer reload test (cmake -P): configure tests/tsan in WORK, build it, run the
# stress on two seed tables. TSan's report makes the program exit non-zero (halt_on_error).
# Variables: SOURCE_DIR WORK GENERATOR CXX_COMPILER LAUNCHER TABLES.
set(launcher)
if(LAUNCHER)
  set(launcher -DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER})
endif()
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR}/tests/tsan -B ${WORK} -G ${GENERATOR}
                        -DCMAKE_CXX_COMPILER=${CXX_COMPILER} -DCMAKE_BUILD_TYPE=RelWithDebInfo ${launcher}
                RESULT_VARIABLE rc OUTPUT_QUIET)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the TSan build failed")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the TSan build failed")
endif()
set(ENV{TSAN_OPTIONS} "halt_on_error=1 exitcode=66 second_deadlock_stack=1")
execute_process(COMMAND ${WORK}/reload_stress_tsan ${TABLES}/partner_managed_accounts.wtab ${TABLES}/multi_org_access_levels.wtab
                RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the reload stress failed under ThreadSanitizer (exit ${rc})")
endif()
