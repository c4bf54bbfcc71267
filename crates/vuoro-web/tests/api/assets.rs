//! The stylesheet, the script and the fonts come from the server itself, so pages do not depend
//! on what the machine showing them has installed.

use crate::helpers::*;
use reqwest::StatusCode;

#[tokio::test]
async fn the_fonts_the_stylesheet_names_are_served() {
    let app = spawn().await;
    let b = app.browser();
    let css = b.get("/assets/vuoro.css").await;
    assert_eq!(css.status(), StatusCode::OK);
    let css = css.text().await.expect("text");
    let urls: Vec<&str> = css
        .split("url(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    assert_eq!(urls.len(), 3, "regular, bold and Arabic faces: {urls:?}");
    for url in urls {
        let r = b.get(url).await;
        assert_eq!(r.status(), StatusCode::OK, "{url}");
        assert_eq!(r.headers()["content-type"], "font/woff2", "{url}");
        let bytes = r.bytes().await.expect("body");
        assert_eq!(&bytes[..4], b"wOF2", "{url} is a WOFF2 file");
    }
    let licence = b.get("/assets/fonts/OFL.txt").await;
    assert_eq!(licence.status(), StatusCode::OK);
    assert!(
        licence
            .text()
            .await
            .expect("text")
            .contains("SIL Open Font License")
    );
}
