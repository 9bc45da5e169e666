// OpenMPI's predefined handles (MPI_COMM_WORLD, MPI_DOUBLE, MPI_SUM, …) are
// macros over the addresses of globals, and MPI_IN_PLACE is a cast integer:
// Swift imports neither, so each is given here as a small inline getter.
#ifndef STRIDED_CMPI_SHIM_H
#define STRIDED_CMPI_SHIM_H

#include <mpi.h>

static inline MPI_Comm strided_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype strided_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype strided_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype strided_mpi_complex_float(void) { return MPI_C_FLOAT_COMPLEX; }
static inline MPI_Datatype strided_mpi_complex_double(void) { return MPI_C_DOUBLE_COMPLEX; }
static inline MPI_Datatype strided_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Datatype strided_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Op strided_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op strided_mpi_min(void) { return MPI_MIN; }
static inline MPI_Op strided_mpi_max(void) { return MPI_MAX; }
static inline void *strided_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Errhandler strided_mpi_errors_are_fatal(void) { return MPI_ERRORS_ARE_FATAL; }
static inline int strided_mpi_thread_funneled(void) { return MPI_THREAD_FUNNELED; }

#endif
