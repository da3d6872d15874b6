export default function Dashboard() {
  return <p>建设中</p>;
}
