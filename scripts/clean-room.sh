#!/usr/bin/env bash
# Builds and tests a clean clone of this repository in a Debian chroot that
# has only the Rust toolchain: no libssl-dev, no libsqlite3-dev, no
# pkg-config, and no network (the build runs under `unshare --net`, from
# crates vendored beforehand). Proves that `cargo build --release --locked`
# and `cargo test --locked` need nothing but cargo.
#
#   sudo scripts/clean-room.sh [CHROOT_DIR]     (default /tmp/cspo-clean-room)
#
# Needs root, debootstrap (apt-get install debootstrap), Debian's package
# mirror, and the host's rustup toolchain (copied in: ~/.rustup's default
# toolchain and ~/.cargo/bin). The chroot has what rustc itself needs to
# link (gcc and libc6-dev: rustc on Linux links through `cc`) and procps
# (the Telegram tests send signals with kill(1)), nothing else.
set -euo pipefail
root=${1:-/tmp/cspo-clean-room}
repo=$(cd "$(dirname "$0")/.." && pwd)

if [ ! -x "$root/usr/bin/gcc" ]; then
    debootstrap --variant=minbase --include=gcc,libc6-dev,procps bookworm "$root" \
        http://deb.debian.org/debian
fi
for pkg in libssl-dev libsqlite3-dev pkg-config pkgconf; do
    if chroot "$root" dpkg -s "$pkg" >/dev/null 2>&1; then
        echo "clean-room: $pkg is installed in $root; use a fresh directory" >&2
        exit 1
    fi
done

# The toolchain: the host's default rustup toolchain and its proxies.
toolchain=$(rustup default | cut -d' ' -f1)
mkdir -p "$root/root/.rustup/toolchains" "$root/root/.cargo/bin"
rm -rf "$root/root/.rustup/toolchains/$toolchain"
cp -a "$HOME/.rustup/toolchains/$toolchain" "$root/root/.rustup/toolchains/"
printf 'version = "12"\ndefault_toolchain = "%s"\nprofile = "default"\n' "$toolchain" \
    >"$root/root/.rustup/settings.toml"
cp -a "$HOME/.cargo/bin/." "$root/root/.cargo/bin/"

# A clean clone of the committed tree, and its crates vendored.
rm -rf "$root/root/src"
git clone --quiet --no-local "$repo" "$root/root/src"
(cd "$root/root/src" && cargo vendor --locked --quiet "$root/root/vendor" >/dev/null)
cat >"$root/root/.cargo/config.toml" <<'EOF'
[source.crates-io]
replace-with = "vendored"
[source.vendored]
directory = "/root/vendor"
EOF

mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"
mountpoint -q "$root/dev" || mount --bind /dev "$root/dev"
trap 'umount "$root/proc" "$root/dev" 2>/dev/null || true' EXIT

unshare --net chroot "$root" /usr/bin/env -i HOME=/root \
    PATH=/root/.cargo/bin:/usr/bin:/bin CARGO_TERM_COLOR=never \
    bash -euo pipefail -c '
        cd /root/src
        echo "== $(cargo --version); $(rustc --version)"
        echo "== network: $(cat /proc/net/dev | tail -n +3 | cut -d: -f1 | tr -s " \n" " ")"
        echo "== cargo tree -i openssl-sys (nothing expected):"
        cargo tree --offline -i openssl-sys 2>/dev/null || true
        start=$(date +%s)
        cargo build --release --locked --offline
        echo "== release build: $(( $(date +%s) - start )) s"
        ./target/release/cspo-bot ask "When did Japan join?"
        start=$(date +%s)
        cargo test --locked --offline
        echo "== cargo test: $(( $(date +%s) - start )) s"
    '
