# cmake -DINPUT=catalog.json -DOUTPUT=catalog_data.cpp -P embed_json.cmake
# Writes INPUT's bytes as the array declared in embedded.hpp.
file(READ "${INPUT}" hex HEX)
string(LENGTH "${hex}" hex_length)
math(EXPR size "${hex_length} / 2")
string(REGEX REPLACE "([0-9a-f][0-9a-f])" "0x\\1," bytes "${hex}")
string(REGEX REPLACE "((0x..,){20})" "\\1\n    " bytes "${bytes}")
file(WRITE "${OUTPUT}" "// Generated from collectors/catalog/catalog.json by embed_json.cmake; do not edit.
#include \"collectors/catalog/embedded.hpp\"

namespace suanli::catalog_data {

const unsigned char kJson[] = {
    ${bytes}};
const std::size_t kJsonSize = ${size};

}  // namespace suanli::catalog_data
")
