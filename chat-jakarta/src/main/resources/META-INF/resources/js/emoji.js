// Emoji shortcodes (`:smile:`), the common ones of Slack and GitHub. A name not listed here stays
// as typed. Kept small on purpose: the picker (js/picker.js) and the keyboard give any other.
export const SHORTCODES = Object.freeze({
  smile: '😄', smiley: '😃', grin: '😁', laughing: '😆', joy: '😂', rofl: '🤣', wink: '😉', blush: '😊',
  slightly_smiling_face: '🙂', upside_down_face: '🙃', heart_eyes: '😍', kissing_heart: '😘',
  yum: '😋', stuck_out_tongue: '😛', sunglasses: '😎', nerd_face: '🤓', thinking: '🤔', thinking_face: '🤔',
  neutral_face: '😐', expressionless: '😑', unamused: '😒', roll_eyes: '🙄', grimacing: '😬',
  relieved: '😌', pensive: '😔', sleepy: '😪', sleeping: '😴', mask: '😷', confused: '😕', worried: '😟',
  open_mouth: '😮', hushed: '😯', astonished: '😲', flushed: '😳', pleading_face: '🥺', cry: '😢',
  sob: '😭', scream: '😱', angry: '😠', rage: '😡', sweat_smile: '😅', sweat: '😓', exploding_head: '🤯',
  partying_face: '🥳', innocent: '😇', smirk: '😏', zipper_mouth_face: '🤐', shushing_face: '🤫',
  wave: '👋', '+1': '👍', thumbsup: '👍', '-1': '👎', thumbsdown: '👎', ok_hand: '👌', clap: '👏',
  raised_hands: '🙌', pray: '🙏', muscle: '💪', point_up: '☝️', point_right: '👉', point_left: '👈',
  v: '✌️', crossed_fingers: '🤞', handshake: '🤝', eyes: '👀', brain: '🧠',
  heart: '❤️', orange_heart: '🧡', yellow_heart: '💛', green_heart: '💚', blue_heart: '💙',
  purple_heart: '💜', broken_heart: '💔', sparkling_heart: '💖', fire: '🔥', sparkles: '✨', star: '⭐',
  zap: '⚡', boom: '💥', tada: '🎉', confetti_ball: '🎊', balloon: '🎈', gift: '🎁', trophy: '🏆',
  rocket: '🚀', bulb: '💡', memo: '📝', pencil: '📝', book: '📖', calendar: '📅', clock: '🕒',
  hourglass: '⌛', bell: '🔔', lock: '🔒', key: '🔑', link: '🔗', paperclip: '📎', pushpin: '📌',
  warning: '⚠️', no_entry: '⛔', x: '❌', white_check_mark: '✅', heavy_check_mark: '✔️',
  question: '❓', exclamation: '❗', bug: '🐛', wrench: '🔧', hammer: '🔨', gear: '⚙️', computer: '💻',
  coffee: '☕', tea: '🍵', beer: '🍺', beers: '🍻', pizza: '🍕', cake: '🍰', apple: '🍎',
  sun: '☀️', sunny: '☀️', cloud: '☁️', rainbow: '🌈', snowflake: '❄️', umbrella: '☔', earth_africa: '🌍',
  cat: '🐱', dog: '🐶', unicorn: '🦄', see_no_evil: '🙈', hundred: '💯', 100: '💯', poop: '💩',
  skull: '💀', ghost: '👻', robot: '🤖', shrug: '🤷', facepalm: '🤦', chart_with_upwards_trend: '📈',
});

/** The emoji of a shortcode's name (without the colons), or null when it is not one. */
export function emojiFor(name) {
  return Object.prototype.hasOwnProperty.call(SHORTCODES, name) ? SHORTCODES[name] : null;
}
