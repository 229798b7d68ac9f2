let
  # Pinned nixpkgs for a reproducible environment
  nixpkgs = builtins.fetchTarball {
    url = "https://github.com/NixOS/nixpkgs/archive/nixos-23.11.tar.gz";
  };
  pkgs = import nixpkgs { config = { allowUnfree = true; }; };
in
pkgs.mkShell {
  buildInputs = with pkgs; [
    python311Packages.jupyterlab
    python311Packages.numpy
    python311Packages.scipy
  ];
}
