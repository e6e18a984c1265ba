# The code of every backend that reads a library speaking NVML (nvml, iluvatar), added to
# suanli_collectors once whichever of them is built.
get_property(added GLOBAL PROPERTY SUANLI_NVML_LIBRARY_CODE)
if(NOT added)
  set_property(GLOBAL PROPERTY SUANLI_NVML_LIBRARY_CODE TRUE)
  target_sources(suanli_collectors PRIVATE
    ${CMAKE_CURRENT_LIST_DIR}/nvml_api.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nvml_backend.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nvml_discovery.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nvml_gpm.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nvml_identity.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nvml_probe.cpp
    ${CMAKE_CURRENT_LIST_DIR}/nvml_readings.cpp)
endif()
