/** The colours offered for tags (the same as the core's import palette). */
export const PALETTE = ["#06c755", "#1e88e5", "#f4511e", "#8e24aa", "#fbc02d", "#00897b", "#d81b60", "#6d4c41"];
