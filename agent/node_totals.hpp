#pragma once

#include <vector>

#include "uplink/wire/messages.hpp"

namespace suanli::agent {

// Node totals of an inventory. A slice (MIG instance, partition) has a parent and is not
// counted: the physical device's peak is counted once.
wire::BirthTotals birth_totals(const std::vector<wire::Device>& devices);

// Node totals of one window: peak of every device, live = peak of the healthy ones, achieved
// = sum of the devices' achieved figures.
wire::DataTotals data_totals(const std::vector<wire::Device>& devices,
                             const std::vector<wire::DeviceWindow>& windows);

}  // namespace suanli::agent
