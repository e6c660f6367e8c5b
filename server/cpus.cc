#include "cpus.h"

#include <sched.h>

#include <thread>

namespace backendless_mock {

unsigned UsableCpus() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (sched_getaffinity(0, sizeof set, &set) == 0) {
    int count = CPU_COUNT(&set);
    if (count > 0) return static_cast<unsigned>(count);
  }
  unsigned machine = std::thread::hardware_concurrency();
  return machine > 0 ? machine : 1;
}

}  // namespace backendless_mock
