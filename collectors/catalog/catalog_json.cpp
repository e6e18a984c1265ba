#include "collectors/catalog/catalog_json.hpp"

#include <cctype>
#include <climits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "collectors/catalog/text.hpp"
#include "config/config_file.hpp"

namespace suanli {
namespace {

using nlohmann::json;

bool is_pci_id(std::string_view id) {
  if (id.size() != 9 || id[4] != ':') return false;
  for (std::size_t i = 0; i < id.size(); ++i) {
    if (i != 4 && !std::isxdigit(static_cast<unsigned char>(id[i]))) return false;
  }
  return true;
}

// Reads the fields of one row, keeping the first problem found. Absent and null read alike.
class RowReader {
 public:
  RowReader(const json& row, std::string where) : row_(row), where_(std::move(where)) {}

  const std::optional<std::string>& error() const { return error_; }

  std::string text(const char* field) {
    const json* v = get(field);
    if (v && v->is_string()) return v->get<std::string>();
    if (v) fail(field, "must be a string");
    return {};
  }

  std::vector<std::string> texts(const char* field) {
    std::vector<std::string> out;
    const json* v = get(field);
    if (!v) return out;
    if (!v->is_array()) {
      fail(field, "must be an array of strings");
      return out;
    }
    for (const json& item : *v) {
      if (item.is_string()) out.push_back(item.get<std::string>());
      if (!item.is_string()) fail(field, "must be an array of strings");
    }
    return out;
  }

  std::vector<std::string> pci_ids(const char* field) {
    std::vector<std::string> out = texts(field);
    for (std::string& id : out) {
      if (!is_pci_id(id)) fail(field, "holds '" + id + "', not a PCI id like \"10de:2330\"");
      id = catalog_text::lower(id);
    }
    return out;
  }

  std::optional<int> positive_int(const char* field) {
    const json* v = get(field);
    if (!v) return std::nullopt;
    if (v->is_number_integer() && v->get<long long>() > 0 && v->get<long long>() <= INT_MAX) {
      return static_cast<int>(v->get<long long>());
    }
    fail(field, "must be a positive integer or null");
    return std::nullopt;
  }

  std::optional<double> positive(const json* v, std::string_view field) {
    if (!v) return std::nullopt;
    if (v->is_number() && v->get<double>() > 0) return v->get<double>();
    fail(field, "must be a positive number or null");
    return std::nullopt;
  }
  std::optional<double> positive(const char* field) { return positive(get(field), field); }

  PrecisionMap figures(const char* field) {
    PrecisionMap out;
    const json* v = get(field);
    if (!v) return out;
    if (!v->is_object()) {
      fail(field, "must be an object of precision -> TFLOPS, or null");
      return out;
    }
    for (const auto& [key, value] : v->items()) {
      const std::string name = std::string(field) + "." + key;
      const auto precision = parse_precision(key);
      if (!precision) fail(name, "is not a precision (fp64, fp64_tensor, fp32, tf32, fp16, ...)");
      const auto figure = positive(value.is_null() ? nullptr : &value, name);
      if (precision) out[*precision] = figure;
    }
    return out;
  }

  bool flag(const char* field, bool fallback) {
    const json* v = get(field);
    if (v && v->is_boolean()) return v->get<bool>();
    if (v) fail(field, "must be true or false");
    return fallback;
  }

 private:
  void fail(std::string_view field, std::string_view what) {
    if (!error_) error_ = where_ + ": field '" + std::string(field) + "' " + std::string(what);
  }

  const json* get(const char* field) const {
    const auto it = row_.find(field);
    return it == row_.end() || it->is_null() ? nullptr : &*it;
  }

  const json& row_;
  std::string where_;
  std::optional<std::string> error_;
};

Expected<CatalogRow> read_row(const json& row, const std::string& where) {
  if (!row.is_object()) return Expected<CatalogRow>::failure(where + ": must be an object");
  const auto model = row.find("model");
  if (model == row.end() || !model->is_string() || model->get<std::string>().empty()) {
    return Expected<CatalogRow>::failure(
        where + ": field 'model' is required and must be a non-empty string");
  }
  CatalogRow out;
  out.model = model->get<std::string>();
  RowReader in(row, where + " (\"" + out.model + "\")");
  out.vendor = in.text("vendor");
  out.arch = in.text("arch");
  out.per = in.text("per");
  out.enumerated_device = in.flag("enumerated_device", true);
  out.pci_ids = in.pci_ids("pci_ids");
  out.match_names = in.texts("match_names");
  out.units = in.positive_int("units");
  out.unit_kind = in.text("unit_kind");
  out.boost_mhz = in.positive("boost_mhz");
  out.tflops = in.figures("tflops");
  out.derived_tflops = in.figures("derived_tflops");
  out.confidence = in.text("confidence");
  out.uncertain = in.texts("uncertain");
  out.source = in.text("source");
  out.notes = in.text("notes");
  out.origin = in.text("origin");
  out.silicon_reference = in.flag("silicon_reference", true);
  if (in.error()) return Expected<CatalogRow>::failure(*in.error());
  return out;
}

}  // namespace

Expected<std::vector<CatalogRow>> parse_catalog_rows(std::string_view text,
                                                     std::string_view origin) {
  using Result = Expected<std::vector<CatalogRow>>;
  const std::string prefix = std::string(origin) + ": ";
  auto parsed = config::parse_json_text(std::string(text), std::string(origin));
  if (!parsed) return Result::failure(parsed.error().front());
  const json& doc = *parsed;
  const json* rows =
      doc.is_object() && doc.contains("accelerators") ? &doc.at("accelerators") : nullptr;
  if (!rows || !rows->is_array()) {
    return Result::failure(prefix + "the top level must be an object with an 'accelerators' array");
  }
  std::vector<CatalogRow> out;
  for (std::size_t i = 0; i < rows->size(); ++i) {
    auto row = read_row((*rows)[i], prefix + "row " + std::to_string(i + 1));
    if (!row) return Result::failure(row.error());
    for (std::size_t j = 0; j < out.size(); ++j) {
      if (catalog_text::iequals(out[j].model, row->model)) {
        return Result::failure(prefix + "row " + std::to_string(i + 1) + " (\"" + row->model +
                               "\"): field 'model' repeats row " + std::to_string(j + 1));
      }
    }
    out.push_back(std::move(row).value());
  }
  return out;
}

}  // namespace suanli
