//! Entry point of the map app: installs the panic hook and mounts [`otsc_map::App`].

fn main() {
    console_error_panic_hook::set_once();
    leptos::mount::mount_to_body(otsc_map::App);
}
