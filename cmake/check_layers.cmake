# The layering of the sources, checked on every build (compiler/CMakeLists.txt runs this script):
# each folder may include only the folders below it in the data flow, and the runtime nothing of
# the compiler or of any third-party library. docs/architecture.md draws the same picture.
# Run by hand: cmake -DROOT=. -P cmake/check_layers.cmake
if(NOT DEFINED ROOT)
  set(ROOT ${CMAKE_CURRENT_LIST_DIR}/..)
endif()
get_filename_component(ROOT "${ROOT}" ABSOLUTE)

# folder -> what its files may include with "..." (project paths); system headers are checked
# separately below.
set(allowed_core       "compiler/core/;compiler/source/;compiler/diagnostics/")
set(allowed_source     "${allowed_core}")
set(allowed_diagnostics "${allowed_core}")
set(allowed_ir         "compiler/ir/;${allowed_core}")
set(allowed_facts      "compiler/facts/;${allowed_ir}")
set(allowed_eval       "compiler/eval/;${allowed_facts}")
set(allowed_analysis   "compiler/analysis/;${allowed_eval}")
# The writer lays out format.hpp; its bridge (compiler request -> runtime request) calls runtime.hpp.
set(allowed_codegen    "compiler/codegen/;runtime/include/writ/format.hpp;runtime/include/writ/runtime.hpp;${allowed_facts}")
# The semantic diff asks both versions' interpreters and compares their analyses' findings.
set(allowed_diff       "compiler/diff/;${allowed_analysis}")
# Mutation testing runs the tests on each mutant and asks the diff whether it is equivalent.
set(allowed_mutate     "compiler/mutate/;${allowed_diff}")
# Assertions are proved with the diff engine (a `never` is a forbid that must change nothing).
# The redundancy checks ask the diff whether a policy without a rule (a mutant's edit) or with one
# role in place of another decides anything differently.
set(allowed_equiv      "compiler/equiv/;compiler/mutate/;${allowed_diff}")
set(allowed_prove      "compiler/prove/;${allowed_diff}")
set(allowed_report     "compiler/report/;${allowed_eval};compiler/analysis/;compiler/diff/")
# Third-party headers the model layers may not see: front ends (PEGTL, yaml-cpp), JSON, the CLI.
set(forbidden_model "tao/;yaml-cpp/;nlohmann/;CLI/;range/")

set(failures "")
foreach(layer core source diagnostics ir facts eval analysis diff mutate equiv prove codegen report)
  file(GLOB_RECURSE files ${ROOT}/compiler/${layer}/*.hpp ${ROOT}/compiler/${layer}/*.cpp ${ROOT}/compiler/${layer}/*.def)
  foreach(f ${files})
    file(STRINGS ${f} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
    foreach(line ${includes})
      string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" inc "${line}")
      if(inc MATCHES "^(compiler|runtime|grammar|tools)/")
        set(ok FALSE)
        foreach(prefix ${allowed_${layer}})
          string(FIND "${inc}" "${prefix}" at)
          if(at EQUAL 0)
            set(ok TRUE)
          endif()
        endforeach()
        if(NOT ok)
          file(RELATIVE_PATH rel ${ROOT} ${f})
          string(APPEND failures "  ${rel}: includes ${inc} (compiler/${layer} may include: ${allowed_${layer}})\n")
        endif()
      elseif(NOT layer STREQUAL "report")
        foreach(prefix ${forbidden_model})
          string(FIND "${inc}" "${prefix}" at)
          if(at EQUAL 0)
            file(RELATIVE_PATH rel ${ROOT} ${f})
            string(APPEND failures "  ${rel}: includes <${inc}>, a front-end or tool library\n")
          endif()
        endforeach()
      endif()
    endforeach()
  endforeach()
endforeach()

# The runtime: the standard library and its own headers, nothing else.
file(GLOB_RECURSE runtime_files ${ROOT}/runtime/*.hpp ${ROOT}/runtime/*.cpp ${ROOT}/runtime/*.h ${ROOT}/runtime/*.c)
foreach(f ${runtime_files})
  file(STRINGS ${f} includes REGEX "^[ \t]*#[ \t]*include[ \t]*[<\"]")
  foreach(line ${includes})
    string(REGEX REPLACE "^[ \t]*#[ \t]*include[ \t]*[<\"]([^>\"]+)[>\"].*" "\\1" inc "${line}")
    if(inc MATCHES "^(compiler|grammar|tools|tao|yaml-cpp|fmt|nlohmann|CLI|range)/")
      file(RELATIVE_PATH rel ${ROOT} ${f})
      string(APPEND failures "  ${rel}: includes ${inc}; the runtime includes only the standard library and runtime/\n")
    endif()
  endforeach()
endforeach()

if(failures)
  message(FATAL_ERROR "layering violated:\n${failures}")
endif()
