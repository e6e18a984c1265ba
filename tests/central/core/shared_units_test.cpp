// A precision table kept once for every device that holds the same figures.

#include "central/core/shared_units.hpp"

#include <gtest/gtest.h>

namespace suanli::central {
namespace {

PrecisionUnits table(Units fp16, Units fp8) {
  PrecisionUnits u;
  u[Precision::fp16] = fp16;
  u[Precision::fp8] = fp8;
  return u;
}

TEST(SharedUnits, DevicesWithTheSameFiguresShareOneTable) {
  const SharedUnits a = table(989, 1979);
  const SharedUnits b = table(989, 1979);
  EXPECT_EQ(&a.get(), &b.get());
  EXPECT_EQ(a, b);
  EXPECT_EQ(a[Precision::fp8], 1979);
}

TEST(SharedUnits, DifferentFiguresAreKeptApart) {
  const SharedUnits a = table(989, 1979);
  const SharedUnits b = table(989, 1980);
  EXPECT_NE(&a.get(), &b.get());
  EXPECT_FALSE(a == b);
  EXPECT_EQ(b, table(989, 1980));
}

TEST(SharedUnits, AllZeroIsTheDefault) {
  EXPECT_EQ(SharedUnits(), PrecisionUnits{});
  EXPECT_EQ(SharedUnits(PrecisionUnits{}), SharedUnits());
}

TEST(SharedUnits, ATableOutlivesItsFirstHolderAndIsKeptAgainOnceReleased) {
  SharedUnits second;
  {
    const SharedUnits first = table(7, 8);
    second = first.get();
    EXPECT_EQ(&first.get(), &second.get());
  }
  EXPECT_EQ(second, table(7, 8));
  second = PrecisionUnits{};
  const SharedUnits again = table(7, 8);  // the released table is gone; a new one is kept
  EXPECT_EQ(again, table(7, 8));
}

}  // namespace
}  // namespace suanli::central
