let pkgs = import <nixpkgs> {}; in
pkgs.mkShell { buildInputs = [ this is not nix ]; }
