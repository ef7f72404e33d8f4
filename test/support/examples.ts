/** The shared example documents (../shared/examples, copied to examples/), as text. */

import json0418 from "../../examples/talks-2025-04-18.json?raw";
import rss0418 from "../../examples/talks-2025-04-18.rss.xml?raw";
import json0423 from "../../examples/talks-2025-04-23.json?raw";

export const examples = { json0418, json0423, rss0418 };
