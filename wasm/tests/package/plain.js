// plain.html's script, through the page's import map.
import { scanCard } from "motcua";

const card = scanCard("079303000001||Trần Thị B|05052003|Nữ|Ấp 1, Xã X, Huyện Y, Thành phố Hồ Chí Minh|20062021");
document.querySelector("#out").dataset.name = card.name;
