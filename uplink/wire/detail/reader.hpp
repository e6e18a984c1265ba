#pragma once

// The strict field reader every decoder uses: it checks presence, type and range of each field,
// keeps the path of the field being read, and records the first failure; after a failure every
// further read is a no-op, so a decoder reads straight through and checks failed() once.

#include <simdjson.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config/precision.hpp"
#include "uplink/wire/detail/key_print.hpp"
#include "uplink/wire/detail/names.hpp"
#include "uplink/wire/error.hpp"

namespace suanli::wire::detail {

using Element = simdjson::dom::element;

// An object of the payload, its members found by key. The keys of a small object are indexed
// once (KeyPrint); decoders read members in the order encode writes them, so each lookup starts
// after the member found last, and most compare one key.
class Object {
 public:
  explicit Object(simdjson::dom::object object);

  std::optional<Element> find(std::string_view key) const;
  simdjson::dom::object members() const { return object_; }

 private:
  static constexpr std::size_t kIndexedMembers = 32;

  simdjson::dom::object object_;
  bool large_;                                  // more members than kIndexedMembers: at_key
  std::array<KeyPrint, kIndexedMembers> keys_;  // the first `size_` are set
  std::size_t size_ = 0;
  mutable std::size_t next_ = 0;  // where the next lookup starts
  // The member `at_` of the object, moved forward to each member found.
  mutable simdjson::dom::object::iterator cursor_;
  mutable std::size_t at_ = 0;
};

struct Uint {
  std::uint64_t min = 0;
  std::uint64_t max = std::numeric_limits<std::uint64_t>::max();
};

struct Number {
  double min = std::numeric_limits<double>::lowest();
  double max = std::numeric_limits<double>::max();
  bool min_exclusive = false;
  const char* rule = "must be a finite number";
};
inline constexpr Number kFinite{};
inline constexpr Number kNonNegative{0, std::numeric_limits<double>::max(), false,
                                     "must be a finite number >= 0"};
inline constexpr Number kFraction{0, 1, false, "must be a number in [0, 1]"};
inline constexpr Number kShare{0, 1, true, "must be a number in (0, 1]"};

// Lengths count Unicode code points.
struct Text {
  std::size_t min_chars = 0;
  std::size_t max_chars = 256;
  DecodeReason reason = DecodeReason::bad_value;
};
inline constexpr Text kText{};
inline constexpr Text kShortText{0, 64};
inline constexpr Text kDeviceId{1, 128, DecodeReason::bad_id};
inline constexpr Text kBackendName{1, 32};

// A center or node id (config/ids.hpp).
struct AgentId {};

class Reader {
 public:
  // Extends the current field path by a key or an index for its lifetime.
  class Scope {
   public:
    Scope(Reader& r, std::string_view key) : r_(r) { r_.path_.push_back({key, 0, false}); }
    Scope(Reader& r, std::size_t index) : r_(r) { r_.path_.push_back({{}, index, true}); }
    ~Scope() { r_.path_.pop_back(); }
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Reader& r_;
  };

  bool failed() const { return error_.has_value(); }
  DecodeError take_error() { return std::move(*error_); }

  // Records a failure of the member `key` of the current path (of the current path itself when
  // key is empty), unless one is recorded already.
  void fail(std::string_view key, DecodeReason reason, std::string detail);

  // A required member.
  template <class T, class... Rule>
  void field(const Object& obj, std::string_view key, T& out, const Rule&... rule) {
    if (failed()) return;
    const auto v = obj.find(key);
    if (!v) return fail(key, DecodeReason::missing_field, "is required");
    Scope s(*this, key);
    value(*v, out, rule...);
  }

  // An optional member: absent leaves out empty; null is refused.
  template <class T, class... Rule>
  void field(const Object& obj, std::string_view key, std::optional<T>& out, const Rule&... rule) {
    out.reset();
    if (failed()) return;
    const auto v = obj.find(key);
    if (!v) return;
    Scope s(*this, key);
    if (v->is_null()) return fail({}, DecodeReason::wrong_type, "must be omitted, not null");
    T tmp{};
    value(*v, tmp, rule...);
    if (!failed()) out = std::move(tmp);
  }

  // A required member that is an object; read(const Object&) runs with the member on the path.
  template <class F>
  void object(const Object& obj, std::string_view key, F&& read) {
    if (failed()) return;
    const auto v = obj.find(key);
    if (!v) return fail(key, DecodeReason::missing_field, "is required");
    Scope s(*this, key);
    simdjson::dom::object member;
    if (v->get_object().get(member)) {
      return fail({}, DecodeReason::wrong_type, "must be an object");
    }
    read(Object(member));
  }

  // An optional member that is an object: read(obj) runs only when it is present.
  template <class F>
  void optional_object(const Object& obj, std::string_view key, F&& read) {
    if (failed() || !obj.find(key)) return;
    object(obj, key, std::forward<F>(read));
  }

  // A required member that is an array of at most max_items objects; read(const Object&, index)
  // runs for each with the item on the path, until a failure.
  template <class F>
  void array_of_objects(const Object& obj, std::string_view key, std::size_t max_items, F&& read) {
    if (failed()) return;
    const auto v = obj.find(key);
    if (!v) return fail(key, DecodeReason::missing_field, "is required");
    Scope s(*this, key);
    simdjson::dom::array items;
    if (v->get_array().get(items)) return fail({}, DecodeReason::wrong_type, "must be an array");
    if (!within(items.size(), max_items)) return;
    std::size_t i = 0;
    for (const Element element : items) {
      if (failed()) return;
      Scope item(*this, i);
      simdjson::dom::object member;
      if (element.get_object().get(member)) {
        return fail({}, DecodeReason::wrong_type, "must be an object");
      }
      read(Object(member), i++);
    }
  }

  void value(const Element& v, bool& out);
  void value(const Element& v, std::uint64_t& out, Uint rule = {});
  void value(const Element& v, double& out, const Number& rule);
  void value(const Element& v, std::string& out, const Text& rule);
  void value(const Element& v, std::string& out, AgentId);
  void value(const Element& v, PrecisionMap& out);
  void value(const Element& v, PrecisionSet& out);

  template <class E>
  requires std::is_enum_v<E>
  void value(const Element& v, E& out) {
    std::string_view s;
    if (v.get_string().get(s)) return fail({}, DecodeReason::wrong_type, "must be a string");
    name(s, out);
  }

  // The enumerator spelled `s` (a key, or a string value).
  template <class E>
  requires std::is_enum_v<E>
  void name(std::string_view s, E& out) {
    const auto names = names_of<E>();
    for (std::size_t i = 0; i < names.size(); ++i) {
      if (names[i] == s) {
        out = static_cast<E>(i);
        return;
      }
    }
    fail({}, DecodeReason::bad_value, "must be one of " + join(names));
  }

 private:
  struct Segment {
    std::string_view key;
    std::size_t index;
    bool is_index;
  };

  // Whether an array of `size` items is within max_items; records too_many_items if not.
  bool within(std::size_t size, std::size_t max_items);
  static std::string join(std::span<const std::string_view> names);
  std::string path_with(std::string_view key) const;

  std::vector<Segment> path_;
  std::optional<DecodeError> error_;
};

// Device ids must be unique within a message.
class UniqueIds {
 public:
  // Checks the id of item `index` of devices[], called with that item on the reader's path.
  void check(Reader& r, const std::string& id, std::size_t index);

 private:
  std::unordered_map<std::string, std::size_t> first_;
};

}  // namespace suanli::wire::detail
