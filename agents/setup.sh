#!/usr/bin/env bash
# Installs what the bundled agent needs on a Debian machine: PyTorch (CPU) from python3-torch,
# for /usr/bin/python3. Needs root (or sudo). On GPU machines use the PyTorch that is there.
set -euo pipefail
if /usr/bin/python3 -c 'import torch' 2>/dev/null; then
  echo "torch $(/usr/bin/python3 -c 'import torch; print(torch.__version__)') already installed for /usr/bin/python3"
  exit 0
fi
SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
$SUDO apt-get update
$SUDO apt-get install -y --no-install-recommends python3-torch
/usr/bin/python3 -c 'import torch; print("installed torch", torch.__version__)'
