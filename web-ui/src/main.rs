use yew::prelude::*;

#[component]
fn App() -> Html {
    let n = 5usize;
    let nodes = (0..n).map(|i| {
        let a = std::f64::consts::TAU * i as f64 / n as f64 - std::f64::consts::FRAC_PI_2;
        let (x, y) = (150.0 + 100.0 * a.cos(), 150.0 + 100.0 * a.sin());
        html! { <g class="node" data-node={(i + 1).to_string()}><circle cx={x.to_string()} cy={y.to_string()} r="24" /><text x={x.to_string()} y={y.to_string()}>{format!("S{}", i + 1)}</text></g> }
    });
    html! { <svg viewBox="0 0 300 300" width="300" height="300">{ for nodes }</svg> }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
