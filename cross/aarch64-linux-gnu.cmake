# Cross-compiling for arm64 edge boxes on an x86-64 Debian 12 with multiarch :arm64 -dev packages
# (cross/setup-arm64.sh installs them). Tests run under plain qemu-aarch64: with
# `-L /usr/aarch64-linux-gnu` threaded programs hang (the cross ld.so meets the multiarch libc).
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)
# Without the arm64 pkg-config, FindCURL and FindOpenSSL pick the x86-64 libraries.
set(PKG_CONFIG_EXECUTABLE aarch64-linux-gnu-pkg-config CACHE FILEPATH "pkg-config for arm64")
set(CMAKE_IGNORE_PATH /usr/lib/x86_64-linux-gnu /lib/x86_64-linux-gnu /usr/include/x86_64-linux-gnu)
set(CMAKE_CROSSCOMPILING_EMULATOR qemu-aarch64)
