// The Vite page's script: the automatic entry (top-level await).
import { scanCard, qrSvg } from "motcua";

const out = document.querySelector<HTMLElement>("#out");
const card = scanCard("001090123456|123456789|Nguyễn Văn A|01011990|Nam|Số 1 Phố X, Phường Y, Quận Z, Hà Nội|15042021\r\n");
if (out) {
  out.dataset.name = card.name;
  out.innerHTML = qrSvg("https://dichvucong.gov.vn/");
}
