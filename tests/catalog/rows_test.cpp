// Table-driven over the embedded catalog itself, so new rows are covered automatically.
#include <cctype>
#include <functional>
#include <vector>

#include "collectors/catalog/text.hpp"
#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

std::string upper(std::string s) {
  for (char& c : s)
    c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

std::vector<std::string> names_of(const CatalogRow& row) {
  std::vector<std::string> names = row.match_names;
  names.push_back(row.model);
  return names;
}

bool has_pci(const CatalogRow& row, const std::string& pci) {
  return std::find(row.pci_ids.begin(), row.pci_ids.end(), pci) != row.pci_ids.end();
}

bool has_name(const CatalogRow& row, const std::string& name) {
  const auto names = names_of(row);
  return std::any_of(names.begin(), names.end(),
                     [&](const std::string& n) { return catalog_text::iequals(n, name); });
}

// The unit count a device must report to be told apart from other rows sharing its key; rows
// that share a key must have distinct unit counts, or the shared key could never find them.
std::optional<int> units_needed(const CatalogRow& row,
                                const std::function<bool(const CatalogRow&)>& shares_key) {
  std::size_t sharing = 0;
  for (const CatalogRow& other : builtin_catalog().rows()) {
    if (!other.enumerated_device || !shares_key(other)) continue;
    ++sharing;
    if (&other != &row) {
      EXPECT_NE(other.units, row.units) << other.model << " vs " << row.model;
    }
  }
  if (sharing < 2) return std::nullopt;
  EXPECT_TRUE(row.units.has_value()) << row.model << " shares a key but has no unit count";
  return row.units;
}

std::vector<std::size_t> rows_where(bool enumerated_device) {
  std::vector<std::size_t> out;
  const auto& rows = builtin_catalog().rows();
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].enumerated_device == enumerated_device) out.push_back(i);
  }
  return out;
}

std::string row_test_name(const ::testing::TestParamInfo<std::size_t>& info) {
  std::string name = std::to_string(info.param) + "_";
  for (char c : builtin_catalog().rows().at(info.param).model) {
    name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return name;
}

class RowTest : public ::testing::TestWithParam<std::size_t> {
 protected:
  const CatalogRow& row() const { return builtin_catalog().rows().at(GetParam()); }
};

// Rows that count one enumerated device.
using CatalogRows = RowTest;

TEST_P(CatalogRows, FoundByEachPciId) {
  for (const std::string& pci : row().pci_ids) {
    const auto units = units_needed(row(), [&](const CatalogRow& r) { return has_pci(r, pci); });
    for (const std::string& spelling : {pci, upper(pci)}) {
      const auto match = builtin_catalog().find(by_pci(spelling, units));
      ASSERT_TRUE(match.has_value()) << spelling;
      EXPECT_EQ(match->row, &row()) << spelling << " found " << match->row->model;
      EXPECT_EQ(match->by, MatchKind::pci);
    }
  }
}

TEST_P(CatalogRows, FoundByEachName) {
  for (const std::string& name : names_of(row())) {
    const auto units = units_needed(row(), [&](const CatalogRow& r) { return has_name(r, name); });
    for (const std::string& spelling : {name, upper(name), catalog_text::lower(name)}) {
      const auto match = builtin_catalog().find(by_name(spelling, units));
      ASSERT_TRUE(match.has_value()) << spelling;
      EXPECT_EQ(match->row, &row()) << spelling << " found " << match->row->model;
      EXPECT_EQ(match->by, MatchKind::name);
    }
  }
}

TEST_P(CatalogRows, ResolvesToItsOwnFigures) {
  const PeakResolution got = resolve(by_name(row().model, row().units));
  const Peaks want = row_peaks(row());
  EXPECT_EQ(got.source, want.source);
  if (want.source == PeakSource::unknown) {
    EXPECT_TRUE(got.basis.ends_with("which states no figure")) << got.basis;
    EXPECT_FALSE(got.unknown.empty());
  }
  EXPECT_EQ(got.peak_tflops, want.tflops);
  EXPECT_EQ(got.catalog_model, row().model);
}

INSTANTIATE_TEST_SUITE_P(Embedded, CatalogRows, ::testing::ValuesIn(rows_where(true)),
                         row_test_name);

// Rows that count a package of several enumerated devices (MI250X per OAM).
using CatalogPackageRows = RowTest;

TEST_P(CatalogPackageRows, NeverReturnedForADevice) {
  std::vector<DeviceIdentity> ids;
  for (const std::optional<int> units : {std::optional<int>(), row().units}) {
    for (const std::string& pci : row().pci_ids)
      ids.push_back(by_pci(pci, units));
    for (const std::string& name : names_of(row()))
      ids.push_back(by_name(name, units));
  }
  for (const DeviceIdentity& id : ids) {
    const auto match = builtin_catalog().find(id);
    EXPECT_TRUE(!match || match->row != &row()) << id.pci_id.value_or(id.name.value_or(""));
  }
}

INSTANTIATE_TEST_SUITE_P(Embedded, CatalogPackageRows, ::testing::ValuesIn(rows_where(false)),
                         row_test_name);

}  // namespace
}  // namespace suanli::catalog_test
