// Random event sequences: after every event the incrementally kept indicator equals a plain
// recomputation from the registry's nodes, written here independently of central/core's.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "central/core/registry.hpp"
#include "expected_rules.hpp"
#include "fixtures.hpp"

namespace suanli::central {
namespace {

using test::header;

struct SimNode {
  std::string center;
  std::string node;
  std::uint64_t boot = 1;
  std::uint64_t next_seq = 0;
  std::vector<wire::Device> devices;
  std::vector<wire::Data> sent;  // windows delivered, for duplicates and replays
  std::vector<wire::Data> held;  // windows built but not delivered yet
};

class Simulation {
 public:
  explicit Simulation(std::uint64_t seed) : rng_(seed), registry_(settings()) {
    const std::vector<std::string> centers = {"sz-aicc", "sz-scc", "ks-ai", "wj-dc", "xc-dc"};
    for (int i = 0; i < 14; ++i) {
      SimNode n;
      n.center = centers[static_cast<std::size_t>(i) % centers.size()];
      n.node = "n" + std::to_string(i);
      n.boot = 1 + pick(3);
      n.devices = random_devices();
      nodes_.push_back(std::move(n));
    }
  }

  static CoreSettings settings() {
    CoreSettings s = test::settings();
    s.centers["wj-dc"] =
        config::CenterConfig{"吴江数据中心", std::nullopt, config::ComputeClass::intelligent};
    return s;
  }

  void step() {
    now_ += pick(2000);
    SimNode& n = nodes_[pick(nodes_.size())];
    const std::uint64_t e = pick(100);
    if (e < 6) {
      if (pick(3) == 0) n.devices = random_devices();
      birth(n, n.boot);
    } else if (e < 10) {
      n.boot += 1 + pick(2);
      n.next_seq = 0;
      n.held.clear();
      if (pick(4) == 0) n.devices = random_devices();
      if (pick(5) != 0) birth(n, n.boot);
    } else if (e < 42) {
      if (pick(10) == 0) hold(n, 1 + pick(3));
      send_data(n, window(n));
    } else if (e < 50) {
      hold(n, 1);
    } else if (e < 56) {
      send_held(n, false);
    } else if (e < 62) {
      send_held(n, true);
    } else if (e < 68) {
      replay(n, false);
    } else if (e < 72) {
      replay(n, true);
    } else if (e < 75) {
      apply(test::status(header(n.center, n.node, n.boot, n.next_seq), false));
    } else if (e < 80) {
      apply(test::status(header(n.center, n.node, n.boot, n.next_seq), true));
    } else if (e < 82) {
      if (n.boot > 0) apply(test::birth(header(n.center, n.node, n.boot - 1, 0), random_devices()));
    } else if (e < 84) {
      if (n.boot > 0) {
        apply(test::status(header(n.center, n.node, n.boot - 1, 0), pick(2) == 0));
      }
    } else if (e < 95) {
      now_ += pick(10) == 0 ? 700'000 : pick(40'000);
      registry_.tick(now_);
      ticked_ = true;
    } else {
      const std::string& c = nodes_[pick(nodes_.size())].center;
      const bool up = pick(2) == 0;
      if (up) {
        bridges_down_.erase(c);
      } else {
        bridges_down_.insert(c);
      }
      registry_.set_bridge_state({c}, up, now_);
    }
  }

  // After a tick every node's state is the one its record implies now.
  void check_states() {
    if (!ticked_) return;
    ticked_ = false;
    for (const auto& [key, r] : registry_.nodes()) {
      ASSERT_EQ(r.state, expected_state(r)) << r.center << "/" << r.node << " at " << now_;
    }
  }

  void check_totals() const {
    Aggregate city;
    std::map<std::string, Aggregate> centers;
    std::map<std::string, Aggregate> districts;
    for (const auto& [key, r] : registry_.nodes()) {
      const Contribution c = recompute(r);
      for (Aggregate* a : {&city, &centers[r.center],
                           &districts[test::expected_district(registry_.settings(), r)]}) {
        a->contribution += c;
        ++a->nodes[static_cast<std::size_t>(r.state)];
      }
    }
    const Indicator& ind = registry_.indicator();
    ASSERT_EQ(ind.city(), city);
    ASSERT_EQ(ind.centers(), centers);
    ASSERT_EQ(ind.districts(), districts);
  }

  // Every identity is held by one of the nodes whose birth lists it, and by an online one when any
  // of them is online.
  void check_identities() const {
    std::map<std::string, std::set<NodeKey>> listed;
    for (const auto& [key, r] : registry_.nodes()) {
      if (!r.inventory) continue;
      for (const InventoryDevice& d : r.inventory->devices) {
        if (!d.slice && !d.identity.empty()) listed[d.identity].insert(key);
      }
    }
    ASSERT_EQ(registry_.owners().size(), listed.size());
    for (const auto& [identity, nodes] : listed) {
      const std::optional<DeviceOwners::Holding> h = registry_.owners().find(identity);
      ASSERT_TRUE(h) << identity;
      ASSERT_TRUE(nodes.contains(h->holder)) << identity;
      bool any_online = false;
      for (const NodeKey& k : nodes)
        any_online = any_online || registry_.nodes().at(k).state == NodeState::online;
      if (any_online) {
        ASSERT_EQ(registry_.nodes().at(h->holder).state, NodeState::online) << identity;
      }
    }
  }

  std::size_t states_seen() const { return states_seen_.size(); }
  void note_states() {
    for (const auto& [key, r] : registry_.nodes())
      states_seen_.insert(r.state);
  }
  const Registry& registry() const { return registry_; }

 private:
  std::uint64_t pick(std::uint64_t n) { return rng_() % n; }
  double fraction() { return static_cast<double>(pick(1001)) / 1000.0; }

  std::vector<wire::Device> random_devices() {
    std::vector<wire::Device> out;
    const std::uint64_t count = pick(5);
    for (std::uint64_t i = 0; i < count; ++i) {
      const std::string id = "d" + std::to_string(i);
      const double base = static_cast<double>(1 + pick(200000)) / 1000.0;
      switch (pick(7)) {
        case 0:
          out.push_back(test::accelerator(id, base));
          break;
        case 5: {  // a catalog device, its claim right or off
          wire::Device d = test::accelerator(id, base);
          d.model = "NVIDIA H100 80GB HBM3";
          d.pci_id = "10de:2330";
          d.peak_tflops[Precision::fp16] = pick(2) == 0 ? 989.4 : base * 100;
          out.push_back(with_identity(std::move(d)));
          break;
        }
        case 6:
          out.push_back(with_identity(test::accelerator(id, base, PeakSource::derived)));
          break;
        case 1:
          out.push_back(test::accelerator(id, base, PeakSource::derived));
          break;
        case 2:
          out.push_back(test::accelerator(id, base, PeakSource::unknown));
          break;
        case 3:
          out.push_back(test::cpu(id, base));
          break;
        default: {
          const wire::Device parent = test::accelerator(id, base);
          out.push_back(parent);
          const std::uint64_t slices = 1 + pick(3);
          for (std::uint64_t s = 0; s < slices; ++s) {
            out.push_back(test::slice(parent, id + "-mig" + std::to_string(s), 1.0 / 7.0));
          }
        }
      }
    }
    return out;
  }

  // One of a few device identities the whole fleet shares: cloned images and moved hosts.
  wire::Device with_identity(wire::Device d) {
    d.uuid = "GPU-" + std::to_string(pick(6));
    return d;
  }

  wire::Data window(SimNode& n) {
    std::vector<std::string> unhealthy;
    for (const wire::Device& d : n.devices) {
      if (pick(5) == 0) unhealthy.push_back(d.id);
    }
    wire::Data d = test::data(header(n.center, n.node, n.boot, n.next_seq++), n.devices, fraction(),
                              unhealthy);
    for (wire::DeviceWindow& w : d.devices) {
      const std::uint64_t how = w.healthy ? pick(4) : 4;
      if (how == 0) test::mixed(w, static_cast<double>(1 + pick(9)) / 10);
      if (how == 1) test::unmeasured(w);
      const std::uint64_t power = pick(8);  // a reading, none, or an implausible one
      if (power < 5) w.power_w = static_cast<double>(pick(1'000'000)) / 1000;
      if (power == 5) w.power_w = pick(2) == 0 ? 2e5 : -1.0;
    }
    if (!d.devices.empty() && pick(8) == 0) d.devices.pop_back();  // a device missing
    if (pick(10) == 0)
      d.devices.push_back(test::data(d.header, {test::accelerator("ghost", 5)}).devices[0]);
    return d;
  }

  void hold(SimNode& n, std::uint64_t count) {
    for (std::uint64_t i = 0; i < count; ++i)
      n.held.push_back(window(n));
  }

  void birth(SimNode& n, std::uint64_t boot) {
    apply(test::birth(header(n.center, n.node, boot, n.next_seq), n.devices,
                      pick(2) == 0 ? std::optional<std::string>("d-" + n.center) : std::nullopt));
  }

  void send_data(SimNode& n, wire::Data d) {
    n.sent.push_back(d);
    if (n.sent.size() > 50) n.sent.erase(n.sent.begin());
    apply(std::move(d));
  }

  void send_held(SimNode& n, bool as_hist) {
    if (n.held.empty()) return;
    const std::size_t i = pick(n.held.size());
    wire::Data d = n.held[i];
    n.held.erase(n.held.begin() + static_cast<std::ptrdiff_t>(i));
    n.sent.push_back(d);
    apply_window(std::move(d), as_hist);
  }

  void replay(SimNode& n, bool as_hist) {
    if (n.sent.empty()) return;
    apply_window(n.sent[pick(n.sent.size())], as_hist);
  }

  void apply_window(wire::Data d, bool as_hist) {
    as_hist ? apply(wire::Hist{std::move(d)}) : apply(std::move(d));
  }

  template <class M>
  void apply(M m) {
    registry_.apply(std::move(m), now_);
  }

  NodeState expected_state(const NodeRecord& r) const {
    const CoreSettings& s = registry_.settings();
    if (now_ - r.last_seen.steady_ms >= static_cast<std::uint64_t>(s.retire_after_s) * 1000) {
      return NodeState::retired;
    }
    if (!r.status_online) return NodeState::offline;
    if (bridges_down_.contains(r.center)) return NodeState::stale;
    const std::uint64_t interval = r.interval_ms ? r.interval_ms : 10000;
    const std::uint64_t since = r.last_data.value_or(r.boot_seen).steady_ms;
    if (now_ - since >= static_cast<std::uint64_t>(s.stale_after_intervals) * interval) {
      return NodeState::stale;
    }
    return NodeState::online;
  }

  // Whether this node counts `d`: a device identity counts at its holder only, once.
  bool counts_here(const NodeRecord& r, const InventoryDevice& d) const {
    if (d.identity.empty()) return true;
    if (d.repeated) return false;
    const std::optional<DeviceOwners::Holding> h = registry_.owners().find(d.identity);
    return h && h->holder == NodeKey{r.center, r.node};
  }

  // From the node's inventory and newest window as the registry holds them (their reduction from
  // the wire messages is tested in inventory_test.cpp).
  Contribution recompute(const NodeRecord& r) const {
    Contribution c;
    if (r.state == NodeState::retired || !r.inventory) return c;
    const std::vector<InventoryDevice>& devs = r.inventory->devices;
    for (const InventoryDevice& d : devs) {
      if (d.slice) continue;
      if (!counts_here(r, d)) {
        c.counts.held_elsewhere += 1;
        continue;
      }
      Totals& t =
          c.by_class[static_cast<std::size_t>(test::expected_class(registry_.settings(), r, d))];
      for (Precision p : kAllPrecisions) {
        t.installed[p] += d.peak[p];
        const bool checked = (d.check.checked & bit(p)) != 0;
        const std::size_t level = checked ? static_cast<std::size_t>(d.check.confidence)
                                  : d.stated_confidence
                                      ? static_cast<std::size_t>(*d.stated_confidence)
                                      : kConfidenceLevels;
        t.installed_by_confidence[level][p] += d.peak[p];
        t.unknown_devices[p] += (d.unknown & bit(p)) != 0 ? 1 : 0;
        if (!checked) continue;
        t.verified[p] += d.peak[p];
        t.verified_by_confidence[static_cast<std::size_t>(d.check.confidence)][p] += d.peak[p];
      }
      c.counts.devices += 1;
      c.counts.derived_peak += d.peak_source == PeakSource::derived ? 1 : 0;
      c.counts.unknown_peak += d.peak_source == PeakSource::unknown ? 1 : 0;
      c.counts.by_verdict[static_cast<std::size_t>(d.check.verdict)] += 1;
      c.counts.implausible_peak += d.check.implausible != 0 ? 1 : 0;
    }
    if (r.state != NodeState::online || !r.latest) return c;
    std::set<std::size_t> unmeasured;  // physical devices by index
    for (const WindowFigures::Healthy& w : r.latest->healthy) {
      for (std::size_t i = 0; i < devs.size(); ++i) {
        const InventoryDevice& d = devs[i];
        if (d.id != w.id || !counts_here(r, d)) continue;
        Totals& t =
            c.by_class[static_cast<std::size_t>(test::expected_class(registry_.settings(), r, d))];
        PrecisionUnits achieved;
        for (Precision p : kAllPrecisions) {
          if (!d.slice) t.live[p] += d.peak[p];
          if (d.has_slices || d.claimed[p] == 0) continue;
          achieved[p] =
              static_cast<Units>(static_cast<__int128>(w.achieved[p]) * d.peak[p] / d.claimed[p]);
        }
        test::expected_power(t.power, d, w.power, test::parent_power(devs, *r.latest, d), achieved);
        if (d.has_slices) continue;
        t.achieved += achieved;
        for (std::size_t m = 0; const PrecisionUnits& part : split_by_method(achieved, w.shares))
          t.achieved_by_method[m++] += part;
        if (!w.shares.measured() && (!d.slice || d.parent)) unmeasured.insert(d.parent.value_or(i));
      }
    }
    c.counts.unknown_achieved = static_cast<std::int64_t>(unmeasured.size());
    return c;
  }

  std::mt19937_64 rng_;
  Registry registry_;
  std::vector<SimNode> nodes_;
  std::set<std::string> bridges_down_;
  std::set<NodeState> states_seen_;
  std::uint64_t now_ = 1'767'229'190'000;
  bool ticked_ = false;
};

TEST(IndicatorRandom, IncrementalTotalsEqualARecomputationAfterEveryEvent) {
  for (std::uint64_t seed : {1, 2, 3, 5, 8, 13, 21, 34}) {
    Simulation sim(seed);
    for (int event = 0; event < 2000; ++event) {
      sim.step();
      sim.check_states();
      sim.check_totals();
      sim.check_identities();
      sim.note_states();
      if (::testing::Test::HasFatalFailure()) {
        FAIL() << "seed " << seed << ", event " << event;
      }
    }
    // The sequence reached every state, so the comparison covered them all.
    EXPECT_EQ(sim.states_seen(), kNodeStateCount) << "seed " << seed;
    std::uint64_t duplicates = 0;
    std::uint64_t gaps = 0;
    std::uint64_t out_of_order = 0;
    for (const auto& [key, r] : sim.registry().nodes()) {
      duplicates += r.counters.duplicates;
      gaps += r.counters.gaps;
      out_of_order += r.counters.out_of_order;
    }
    EXPECT_GT(duplicates, 0u) << "seed " << seed;
    EXPECT_GT(gaps, 0u) << "seed " << seed;
    EXPECT_GT(out_of_order, 0u) << "seed " << seed;
  }
}

}  // namespace
}  // namespace suanli::central
