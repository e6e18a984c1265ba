#include <fstream>
#include <string>

#include "tests/catalog/test_util.hpp"

namespace suanli::catalog_test {
namespace {

// One row, with `fp16` spliced in as raw JSON.
std::string one_row(const std::string& fp16) {
  return R"({"accelerators": [{"model": "Test Accel", "pci_ids": ["ABCD:0001"],
  "match_names": ["Test Accel X"], "units": 10, "tflops": {"fp16": )" +
         fp16 + "}}]}";
}

std::string write_file(const std::string& text) {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  const std::string path = ::testing::TempDir() + "catalog_" + info->name() + ".json";
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string load_error(const std::string& text) {
  const auto catalog = Catalog::from_file(write_file(text));
  EXPECT_FALSE(catalog.ok());
  return catalog.ok() ? std::string() : catalog.error();
}

TEST(CatalogLoad, ReplacementFileIsUsedInsteadOfTheBuiltIn) {
  const auto catalog = Catalog::from_file(write_file(one_row("100")));
  ASSERT_TRUE(catalog.ok()) << catalog.error();
  ASSERT_EQ(catalog->rows().size(), 1u);
  EXPECT_EQ(catalog->rows()[0].pci_ids, std::vector<std::string>{"abcd:0001"});
  const PeakResolution got = resolve_peaks(*catalog, by_pci("abcd:0001"), {});
  EXPECT_EQ(got.source, PeakSource::catalog);
  EXPECT_EQ(got.peak_tflops[Precision::fp16], 100);
  EXPECT_EQ(catalog->find(by_name("test accel x"))->row->model, "Test Accel");
  EXPECT_FALSE(catalog->find(by_pci("10de:2330")).has_value());
}

TEST(CatalogLoad, MissingFile) {
  const std::string path = ::testing::TempDir() + "no_such_catalog.json";
  const auto catalog = Catalog::from_file(path);
  ASSERT_FALSE(catalog.ok());
  EXPECT_NE(catalog.error().find(path), std::string::npos) << catalog.error();
  EXPECT_NE(catalog.error().find("cannot read"), std::string::npos) << catalog.error();
}

TEST(CatalogLoad, InvalidJsonGivesLineAndColumn) {
  const std::string error = load_error("{\n  \"accelerators\": [\n    {\"model\": }\n  ]\n}\n");
  EXPECT_NE(error.find("invalid JSON"), std::string::npos) << error;
  EXPECT_NE(error.find(".json:3:15: invalid JSON"), std::string::npos) << error;
}

TEST(CatalogLoad, NegativeFigureNamesRowAndField) {
  const std::string error = load_error(one_row("-5"));
  EXPECT_NE(error.find("row 1 (\"Test Accel\")"), std::string::npos) << error;
  EXPECT_NE(error.find("'tflops.fp16'"), std::string::npos) << error;
  EXPECT_NE(error.find("positive number"), std::string::npos) << error;
}

TEST(CatalogLoad, NonNumberFigure) {
  const std::string error = load_error(one_row("\"fast\""));
  EXPECT_NE(error.find("'tflops.fp16'"), std::string::npos) << error;
}

TEST(CatalogLoad, ZeroFigureIsRejectedBecauseUnknownIsNull) {
  EXPECT_NE(load_error(one_row("0")).find("'tflops.fp16'"), std::string::npos);
}

TEST(CatalogLoad, SchemaProblems) {
  const std::pair<std::string, std::string> cases[] = {
      {R"([])", "'accelerators' array"},
      {R"({"accelerators": {}})", "'accelerators' array"},
      {R"({"accelerators": [{"vendor": "X"}]})", "row 1: field 'model'"},
      {R"({"accelerators": [{"model": "A", "tflops": {"fp61": 1}}]})", "'tflops.fp61'"},
      {R"({"accelerators": [{"model": "A", "tflops": [1]}]})", "'tflops'"},
      {R"({"accelerators": [{"model": "A", "pci_ids": ["10de2330"]}]})", "'pci_ids'"},
      {R"({"accelerators": [{"model": "A", "units": 1.5}]})", "'units'"},
      {R"({"accelerators": [{"model": "A", "enumerated_device": "no"}]})", "'enumerated_device'"},
      {R"({"accelerators": [{"model": "A"}, {"model": "a"}]})", "row 2 (\"a\"): field 'model'"},
      {R"({"accelerators": [3]})", "row 1: must be an object"},
  };
  for (const auto& [text, expected] : cases) {
    const auto catalog = Catalog::from_json(text, "test.json");
    ASSERT_FALSE(catalog.ok()) << text;
    EXPECT_NE(catalog.error().find(expected), std::string::npos) << catalog.error();
    EXPECT_EQ(catalog.error().rfind("test.json: ", 0), 0u) << catalog.error();
  }
}

}  // namespace
}  // namespace suanli::catalog_test
