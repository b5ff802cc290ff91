/* LD_PRELOAD shim for Orthanc 1.10, which has no bind-address option: every IPv4/IPv6 bind() is forced
   onto loopback (127.0.0.1 / ::1). Built by scripts/lib.sh: gcc -shared -fPIC -O2 -o bind_lo.so bind_lo.c -ldl */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <netinet/in.h>
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
