#pragma once

// libcurl, opened with dlopen when the first HTTP poster is made rather than linked: an agent
// that publishes over MQTT then never maps libcurl and the libraries it brings (GnuTLS, Kerberos,
// LDAP, SSH, RTMP, ...), which would otherwise be most of its memory (docs/benchmarks.md, "Agent
// footprint"). The packages still Depend on libcurl4 (packaging/).

#include <curl/curl.h>

#include "config/expected.hpp"

namespace suanli::http {

// The libcurl functions the poster calls, resolved once.
struct CurlFunctions {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
};

// Opens libcurl.so.4 and runs curl_global_init the first time (thread-safe); the library then
// stays loaded for the life of the process. Fails, with dlerror's text, when libcurl is not
// installed or lacks one of the functions.
Expected<const CurlFunctions*> load_curl();

}  // namespace suanli::http
