#pragma once

// Owners of libcurl's C handles, freed through the loaded library's functions.

#include <memory>

#include "uplink/http/curl_library.hpp"

namespace suanli::http {

struct EasyDeleter {
  const CurlFunctions* curl;
  void operator()(CURL* handle) const { curl->easy_cleanup(handle); }
};
using EasyHandle = std::unique_ptr<CURL, EasyDeleter>;

struct SlistDeleter {
  const CurlFunctions* curl;
  void operator()(curl_slist* list) const { curl->slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, SlistDeleter>;

}  // namespace suanli::http
