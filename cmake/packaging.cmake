# Installation and packaging (issue 9): `cmake --install` gives find_package(writ) with the
# imported targets writ::runtime (the dependency-free decision runtime) and writ::compiler (the
# compiler libraries, which bring fmt, yaml-cpp, PEGTL, range-v3 and nlohmann_json), the `writ`
# tool, the public headers and a relocatable pkg-config file for the runtime (writ-runtime.pc).
# Included last from the top CMakeLists.txt, after every target exists, so the phase folders'
# own CMakeLists need no install lines. tests/consumer builds against the installed result.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(WRIT_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/writ)
# The compiler's headers are included as "compiler/<phase>/x.hpp"; they install under their own
# root so a consumer of writ::runtime alone sees only include/writ/.
set(WRIT_COMPILER_INCLUDE_DIR ${CMAKE_INSTALL_INCLUDEDIR}/writ-compiler)

# The build tree's include directories are absolute source paths, which an export must not carry:
# keep them for the build, and name the installed roots for the package.
set_target_properties(writ_runtime PROPERTIES
  EXPORT_NAME runtime
  INTERFACE_INCLUDE_DIRECTORIES "$<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}/runtime/include>;$<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>")
# The runtime's public headers are C++17 (a consumer may stay on C++17).
set_property(TARGET writ_runtime APPEND PROPERTY INTERFACE_COMPILE_FEATURES cxx_std_17)

# Every writ_* library writ_compiler reaches, found by walking its link interface, so a phase
# library added later is packaged without an edit here.
set(writ_compiler_libs)
set(writ_pending writ_compiler)
while(writ_pending)
  list(POP_FRONT writ_pending t)
  if(NOT TARGET ${t} OR t IN_LIST writ_compiler_libs)
    continue()
  endif()
  list(APPEND writ_compiler_libs ${t})
  get_target_property(deps ${t} INTERFACE_LINK_LIBRARIES)
  if(deps)
    foreach(d ${deps})
      if(d MATCHES "^writ_")
        list(APPEND writ_pending ${d})
      endif()
    endforeach()
  endif()
endwhile()
foreach(t ${writ_compiler_libs})
  if(t STREQUAL "writ_runtime")
    continue()
  endif()
  get_target_property(dirs ${t} INTERFACE_INCLUDE_DIRECTORIES)
  if(dirs)
    set_target_properties(${t} PROPERTIES
      INTERFACE_INCLUDE_DIRECTORIES "$<BUILD_INTERFACE:${dirs}>;$<INSTALL_INTERFACE:${WRIT_COMPILER_INCLUDE_DIR}>")
  endif()
  string(REGEX REPLACE "^writ_" "" short ${t})
  set_target_properties(${t} PROPERTIES EXPORT_NAME ${short})
endforeach()
list(REMOVE_ITEM writ_compiler_libs writ_runtime)

# Two export sets, so find_package(writ) for the runtime alone needs none of the compiler's
# dependencies (writConfig.cmake includes the compiler's targets only when they are found).
install(TARGETS writ_runtime EXPORT writRuntimeTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(TARGETS ${writ_compiler_libs} EXPORT writCompilerTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(TARGETS writ RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY ${PROJECT_SOURCE_DIR}/runtime/include/writ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.h")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/compiler ${PROJECT_SOURCE_DIR}/grammar DESTINATION ${WRIT_COMPILER_INCLUDE_DIR}
  FILES_MATCHING PATTERN "*.hpp" PATTERN "*.def")
install(EXPORT writRuntimeTargets NAMESPACE writ:: DESTINATION ${WRIT_CMAKE_DIR})
install(EXPORT writCompilerTargets NAMESPACE writ:: DESTINATION ${WRIT_CMAKE_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/packaging/writConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/writConfig.cmake INSTALL_DESTINATION ${WRIT_CMAKE_DIR})
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/writConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/writConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/writConfigVersion.cmake
  DESTINATION ${WRIT_CMAKE_DIR})

# pkg-config: the prefix is computed from the .pc file's own place (${pcfiledir}), so the
# installed tree can be moved anywhere. The runtime is a static C++ library: C programs linking it
# need the C++ standard library (--static adds it).
file(RELATIVE_PATH WRIT_PC_TO_PREFIX ${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBDIR}/pkgconfig ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" WRIT_PC_TO_PREFIX "${WRIT_PC_TO_PREFIX}")
configure_file(${PROJECT_SOURCE_DIR}/cmake/packaging/writ-runtime.pc.in ${CMAKE_CURRENT_BINARY_DIR}/writ-runtime.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/writ-runtime.pc DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
