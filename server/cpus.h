#pragma once

namespace backendless_mock {

// The CPUs this process may run on (its affinity mask, as taskset or a
// container's cpuset limits it), at least 1. hardware_concurrency counts
// the machine's CPUs instead, which overcommits a pinned process.
unsigned UsableCpus();

}  // namespace backendless_mock
