// The engine's matrix products run on several threads only when it is built with OpenMP
// (Eigen parallelizes its GEMM through OpenMP); the bench is then built with OpenMP too and
// sets the count that every Eigen product in the process reads.
#include "bench.hpp"

#if defined(_OPENMP)
#include <omp.h>
#endif

namespace bench {

bool set_threads(int threads) {
#if defined(_OPENMP)
  omp_set_num_threads(threads);
  return true;
#else
  return threads == 1;
#endif
}

}  // namespace bench
