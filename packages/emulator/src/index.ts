// placeholder: replaced by the package's public surface
export {};
