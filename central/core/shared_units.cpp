#include "central/core/shared_units.hpp"

#include <map>
#include <mutex>

namespace suanli::central {
namespace {

struct ByFigures {
  bool operator()(const PrecisionUnits& a, const PrecisionUnits& b) const { return a.v < b.v; }
};

// The tables kept, each while a device holds it. Births may be reduced on several threads.
struct Tables {
  std::mutex mutex;
  std::map<PrecisionUnits, std::weak_ptr<const PrecisionUnits>, ByFigures> kept;
};

Tables& tables() {
  static auto* t = new Tables;  // never destroyed: tables may be released during exit
  return *t;
}

}  // namespace

const PrecisionUnits& SharedUnits::zero() {
  static const PrecisionUnits z;
  return z;
}

SharedUnits::SharedUnits(const PrecisionUnits& units) {
  if (units == zero()) return;
  Tables& t = tables();
  std::lock_guard lock(t.mutex);
  std::weak_ptr<const PrecisionUnits>& slot = t.kept[units];
  table_ = slot.lock();
  if (table_) return;
  table_ =
      std::shared_ptr<const PrecisionUnits>(new PrecisionUnits(units), [](const PrecisionUnits* p) {
        Tables& all = tables();
        {
          std::lock_guard released(all.mutex);
          auto it = all.kept.find(*p);
          // Another device may have kept the same figures again since this one expired.
          if (it != all.kept.end() && it->second.expired()) all.kept.erase(it);
        }
        delete p;
      });
  slot = table_;
}

}  // namespace suanli::central
