fn main() {
    web_ui::run();
}
