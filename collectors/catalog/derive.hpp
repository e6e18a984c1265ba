#pragma once

#include "collectors/catalog/arch.hpp"
#include "config/precision.hpp"

namespace suanli {

// Dense FLOP (int8: OP) per clock per unit, per precision; absent where the architecture has no
// such rate. CPUs have fp64 and fp32 only.
PrecisionMap flop_per_clock_per_unit(Arch arch);

// Peak TFLOPS = units x FLOP/clock/unit x clock_MHz / 1e6. Empty when units or clock are not
// positive.
PrecisionMap derive_peak_tflops(Arch arch, int units, double clock_mhz);

}  // namespace suanli
