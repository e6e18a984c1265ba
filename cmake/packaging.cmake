# Debian packages: `cpack -G DEB` in a build folder makes suanli-agent_<version>_<arch>.deb and,
# when central is built, suanli-central_<version>_<arch>.deb. One CPack component per program;
# agent/ and central/ install their binary into it, this file adds what makes it a package:
# the systemd unit, the example config as a conffile in /etc/suanli, the docs and man page, and
# the maintainer scripts that make the system user and clean up on purge; central's also carries
# the example broker setup of docs/security.md.

include(GNUInstallDirs)

set(SUANLI_INSTALL_CONFDIR "/etc/suanli" CACHE PATH "Config folder the units read (absolute)")
set(SUANLI_INSTALL_UNITDIR "/lib/systemd/system" CACHE PATH "systemd system unit folder (absolute)")
set(SUANLI_PACKAGE_MAINTAINER "suanli maintainers <maintainers@suanli.invalid>"
    CACHE STRING "Maintainer field of the .deb packages")

set(suanli_packaging_dir ${PROJECT_SOURCE_DIR}/packaging)
set(suanli_package_build_dir ${PROJECT_BINARY_DIR}/packaging)

# suanli_gzip(SOURCE DEST): DEST is SOURCE compressed as Debian wants docs (-9, no timestamp).
function(suanli_gzip source dest)
  execute_process(COMMAND gzip -9nc ${source} OUTPUT_FILE ${dest} COMMAND_ERROR_IS_FATAL ANY)
  set_property(DIRECTORY ${PROJECT_SOURCE_DIR} APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${source})
endfunction()

# suanli_package(COMPONENT PACKAGE CONFIG SUMMARY DESCRIPTION): the package-level files of one
# program. PACKAGE is also its unit's name and its StateDirectory (/var/lib/PACKAGE); CONFIG, a
# file of config/, becomes /etc/suanli/<COMPONENT>.json, the path the unit passes to --config.
function(suanli_package component package config summary description)
  set(scripts ${suanli_package_build_dir}/${package})
  set(conffile ${SUANLI_INSTALL_CONFDIR}/${component}.json)
  install(FILES ${suanli_packaging_dir}/${package}.service DESTINATION ${SUANLI_INSTALL_UNITDIR}
          COMPONENT ${component})
  install(FILES ${PROJECT_SOURCE_DIR}/config/${config} DESTINATION ${SUANLI_INSTALL_CONFDIR}
          RENAME ${component}.json COMPONENT ${component})
  install(FILES ${PROJECT_SOURCE_DIR}/README.md ${suanli_packaging_dir}/copyright
                ${suanli_package_build_dir}/changelog.gz
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/${package} COMPONENT ${component})
  file(MAKE_DIRECTORY ${scripts})
  suanli_gzip(${suanli_packaging_dir}/${package}.1 ${scripts}/${package}.1.gz)
  install(FILES ${scripts}/${package}.1.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1
          COMPONENT ${component})

  set(SUANLI_PACKAGE ${package})
  foreach(script postinst prerm postrm)
    configure_file(${suanli_packaging_dir}/${script}.in ${scripts}/${script} @ONLY
                   FILE_PERMISSIONS OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE
                                    WORLD_READ WORLD_EXECUTE)
  endforeach()
  file(WRITE ${scripts}/conffiles "${conffile}\n")

  string(TOUPPER ${component} c)
  set(CPACK_DEBIAN_${c}_PACKAGE_NAME ${package} PARENT_SCOPE)
  set(CPACK_DEBIAN_${c}_DESCRIPTION "${summary}\n${description}" PARENT_SCOPE)
  set(CPACK_DEBIAN_${c}_PACKAGE_CONTROL_EXTRA
      "${scripts}/conffiles;${scripts}/postinst;${scripts}/prerm;${scripts}/postrm" PARENT_SCOPE)
endfunction()

# The changelog lintian asks of a native package: one entry for this version.
string(TIMESTAMP suanli_changelog_date "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(${suanli_packaging_dir}/changelog.in ${suanli_package_build_dir}/changelog @ONLY)
suanli_gzip(${suanli_package_build_dir}/changelog ${suanli_package_build_dir}/changelog.gz)

set(CPACK_COMPONENTS_ALL)
if(SUANLI_BUILD_AGENT)
  suanli_package(agent suanli-agent agent.example.json
    "compute capacity agent of the suanli city compute-scale indicator"
    "suanli-agent finds this node's accelerators (NVIDIA, AMD, Huawei Ascend) and
CPUs, knows each one's peak FLOPS, samples how busy they are and publishes node
totals over MQTT (or HTTP) to the suanli central collector, spooling to disk
through outages. Vendor libraries are opened at run time; none is required.")
  # libcurl is opened with dlopen when http.url is set (uplink/http/curl_library.hpp), so
  # dpkg-shlibdeps cannot see it; 7.85 brought CURLOPT_PROTOCOLS_STR, which the poster sets.
  set(CPACK_DEBIAN_AGENT_PACKAGE_DEPENDS "adduser, libcurl4 (>= 7.85.0)")
  list(APPEND CPACK_COMPONENTS_ALL agent)
endif()
if(SUANLI_BUILD_CENTRAL)
  suanli_package(central suanli-central central.example.json
    "central collector of the suanli city compute-scale indicator"
    "suanli-central subscribes to the agents' MQTT feeds (and takes HTTP ingest),
keeps the registry of compute centers and nodes, and computes the compute-scale
indicator: PFLOPS installed, live and achieved by class, precision, center and
district. It stores history in SQLite and serves an HTTP API, a dashboard and
Prometheus metrics.")
  # The broker where a client certificate is a center's identity (docs/security.md), to copy.
  install(FILES ${PROJECT_SOURCE_DIR}/docs/security.md
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/suanli-central COMPONENT central)
  install(FILES ${suanli_packaging_dir}/mosquitto/suanli.conf
                ${suanli_packaging_dir}/mosquitto/suanli.acl ${PROJECT_SOURCE_DIR}/scripts/pki.sh
          DESTINATION ${CMAKE_INSTALL_DATAROOTDIR}/doc/suanli-central/examples COMPONENT central)
  list(APPEND CPACK_COMPONENTS_ALL central)
endif()

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME suanli)
set(CPACK_PACKAGE_VENDOR suanli)
set(CPACK_PACKAGE_CONTACT "${SUANLI_PACKAGE_MAINTAINER}")
# Each package's description carries its own synopsis. CPackDeb would put any summary but CPack's
# default one (the project's DESCRIPTION, otherwise) in front of it as a second synopsis.
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "${CMAKE_PROJECT_NAME} built using CMake")
set(CPACK_DEB_COMPONENT_INSTALL ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION net)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# Added to what dpkg-shlibdeps finds: postinst makes the system user with adduser.
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser")
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_STRIP_FILES ON)
# CPack labels a package with the build machine's architecture (dpkg --print-architecture).
if(CMAKE_CROSSCOMPILING AND CMAKE_SYSTEM_PROCESSOR MATCHES "^(aarch64|arm64)$")
  set(CPACK_DEBIAN_PACKAGE_ARCHITECTURE arm64)
endif()
include(CPack)
