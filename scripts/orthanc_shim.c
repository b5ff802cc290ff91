/* LD_PRELOAD shim for Debian's Orthanc 1.10, for the servers the scripts and tests start.
   Built by scripts/lib.sh: gcc -shared -fPIC -O2 -o orthanc_shim.so orthanc_shim.c -ldl -pthread
   1. Orthanc 1.10 has no bind-address option: every IPv4/IPv6 bind() is forced onto loopback.
   2. Its HTTP server (CivetWeb) asks for 100 KiB thread stacks; GDCM's JPEG 2000 decoder (orthanc-gdcm) needs a
      stack frame of about 130 KiB, so transcoding or rendering a J2K frame kills Orthanc with a segfault. Thread
      stacks smaller than 8 MiB are raised to 8 MiB (virtual memory; pages are only used when touched). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
#include <pthread.h>
#include <string.h>
#include <sys/socket.h>

int bind(int fd, const struct sockaddr *addr, socklen_t len) {
  static int (*real_bind)(int, const struct sockaddr *, socklen_t);
  if (!real_bind) real_bind = dlsym(RTLD_NEXT, "bind");
  if (addr && addr->sa_family == AF_INET && len >= sizeof(struct sockaddr_in)) {
    struct sockaddr_in a; memcpy(&a, addr, sizeof a);
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return real_bind(fd, (struct sockaddr *)&a, sizeof a);
  }
  if (addr && addr->sa_family == AF_INET6 && len >= sizeof(struct sockaddr_in6)) {
    struct sockaddr_in6 a; memcpy(&a, addr, sizeof a);
    a.sin6_addr = in6addr_loopback;
    return real_bind(fd, (struct sockaddr *)&a, sizeof a);
  }
  return real_bind(fd, addr, len);
}

#define MIN_THREAD_STACK (8u << 20)

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size) {
  static int (*real)(pthread_attr_t *, size_t);
  if (!real) real = dlsym(RTLD_NEXT, "pthread_attr_setstacksize");
  return real(attr, size < MIN_THREAD_STACK ? MIN_THREAD_STACK : size);
}
